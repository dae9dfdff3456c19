output "role_arn" {
  description = "ARN of the provisioner role (assume it to deploy the selected profiles)."
  value       = module.min_provisioner.role_arn
}

output "role_name" {
  description = "Name of the provisioner role."
  value       = module.min_provisioner.role_name
}

output "policy_arns" {
  description = "ARNs of the role's managed deploy policies."
  value       = module.min_provisioner.policy_arns
}
