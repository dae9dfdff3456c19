output "role_arn" {
  value       = aws_iam_role.this.arn
  description = "ARN of the provisioning role (assume it to deploy)."
}

output "role_name" {
  value       = aws_iam_role.this.name
  description = "Name of the provisioning role: <environment_name>-<role_name>."
}

output "policy_arns" {
  value       = { for key, arns in { "state_backend-1" = aws_iam_policy.state_backend_1[*].arn, "aurora_cluster-1" = aws_iam_policy.aurora_cluster_1[*].arn, "aurora_cluster-2" = aws_iam_policy.aurora_cluster_2[*].arn, "ecs_compute-1" = aws_iam_policy.ecs_compute_1[*].arn, "ecs_compute-2" = aws_iam_policy.ecs_compute_2[*].arn, "min_provisioner-1" = aws_iam_policy.min_provisioner_1[*].arn } : key => one(arns) if length(arns) > 0 }
  description = "ARNs of the attached managed policies, by <profile>-<n> (each at most 6144 characters)."
}
