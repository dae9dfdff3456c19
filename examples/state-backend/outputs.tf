output "bucket_name" {
  description = "The state bucket."
  value       = module.state_backend.bucket_name
}

output "bucket_arn" {
  description = "ARN of the state bucket."
  value       = module.state_backend.bucket_arn
}

output "kms_key_arn" {
  description = "ARN of the state key (null with encryption = \"sse-s3\")."
  value       = module.state_backend.kms_key_arn
}

output "lock_table_name" {
  description = "The lock table (null with lock_mode = \"lockfile\")."
  value       = module.state_backend.lock_table_name
}

output "backend_config" {
  description = "The consumer's backend \"s3\" block: terraform output -raw backend_config > backend.tf"
  value       = module.state_backend.backend_config
}

output "runtime_policy_json" {
  description = "The deploy role's state policy for state_key_prefix."
  value       = module.state_backend.runtime_policy_json
}
