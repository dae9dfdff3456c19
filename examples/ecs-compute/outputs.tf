output "cluster_name" {
  description = "The ECS cluster (<environment_name>-<ecs_workload_name>-compute-cluster-<region>)."
  value       = aws_ecs_cluster.this.name
}

output "cluster_arn" {
  description = "ARN of the ECS cluster."
  value       = aws_ecs_cluster.this.arn
}

output "task_definition_arns" {
  description = "ARN (with revision) of each family's task definition, by family."
  value       = { for family, definition in aws_ecs_task_definition.this : family => definition.arn }
}

output "execution_role_arn" {
  description = "ARN of the task execution role."
  value       = aws_iam_role.execution.arn
}

output "task_role_arns" {
  description = "ARN of each family's task role, by family."
  value       = { for family, role in aws_iam_role.task : family => role.arn }
}

output "policy_arns" {
  description = "ARNs of the customer managed policies (the execution role's, then each task role's by family)."
  value       = concat([aws_iam_policy.execution.arn], [for family in var.ecs_task_families : aws_iam_policy.task[family].arn])
}

output "log_group_names" {
  description = "Each family's log group (/<environment_name>-<ecs_workload_name>/ecs-<family>), by family."
  value       = { for family, group in aws_cloudwatch_log_group.task : family => group.name }
}

output "service_name" {
  description = "The ECS service."
  value       = aws_ecs_service.this.name
}

output "security_group_id" {
  description = "Security group of the tasks."
  value       = aws_security_group.tasks.id
}

output "subnet_id" {
  description = "Subnet of the tasks."
  value       = aws_subnet.tasks.id
}
