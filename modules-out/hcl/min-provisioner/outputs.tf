output "role_arn" {
  value       = aws_iam_role.this.arn
  description = "ARN of the provisioning role (assume it to deploy)."
}

output "role_name" {
  value       = aws_iam_role.this.name
  description = "Name of the provisioning role: <environment_name>-<role_name>."
}

output "policy_arns" {
  value       = { for key, arns in local.policy_arn_lists : key => one(arns) if length(arns) > 0 }
  description = "ARNs of the attached managed policies, by <profile>-<n> (each at most 6144 characters)."
}
