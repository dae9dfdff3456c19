output "cluster_identifier" {
  description = "The cluster identifier (<environment_name>-aurora)."
  value       = aws_rds_cluster.this.cluster_identifier
}

output "cluster_arn" {
  description = "ARN of the cluster."
  value       = aws_rds_cluster.this.arn
}

output "cluster_endpoint" {
  description = "Writer endpoint."
  value       = aws_rds_cluster.this.endpoint
}

output "cluster_reader_endpoint" {
  description = "Reader endpoint."
  value       = aws_rds_cluster.this.reader_endpoint
}

output "instance_identifiers" {
  description = "Identifiers of the cluster instances (<environment_name>-aurora-instance-N)."
  value       = aws_rds_cluster_instance.this[*].identifier
}

output "master_user_secret_arn" {
  description = "ARN of the Secrets Manager secret RDS keeps the master password in."
  value       = try(aws_rds_cluster.this.master_user_secret[0].secret_arn, null)
}

output "kms_key_arn" {
  description = "ARN of the cluster's KMS key."
  value       = aws_kms_key.this.arn
}

output "kms_alias_name" {
  description = "The key's alias (alias/<environment_name>-aurora)."
  value       = aws_kms_alias.this.name
}

output "db_subnet_group_name" {
  description = "The DB subnet group (<environment_name>-aurora-subnets)."
  value       = aws_db_subnet_group.this.name
}

output "cluster_parameter_group_name" {
  description = "The cluster parameter group (<environment_name>-aurora-params)."
  value       = aws_rds_cluster_parameter_group.this.name
}

output "security_group_id" {
  description = "Security group of the cluster."
  value       = aws_security_group.this.id
}

output "vpc_id" {
  description = "The example's VPC."
  value       = aws_vpc.this.id
}
