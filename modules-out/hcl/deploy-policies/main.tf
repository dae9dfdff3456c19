locals {
  state_bucket_name              = coalesce(var.state_bucket_name, "${var.environment_name}-state-${var.account_id}-${var.region}")
  lock_table_name                = coalesce(var.lock_table_name, "${local.state_bucket_name}-locks")
  aurora_cluster_identifier      = coalesce(var.aurora_cluster_identifier, "${var.environment_name}-aurora")
  state_key_alias_name           = replace(local.state_bucket_name, ".", "-")
  ecs_task_definition_arn_prefix = "arn:aws:ecs:${var.region}:${var.account_id}:task-definition/${var.environment_name}-"
  ecs_task_definition_arns       = [for family in var.ecs_task_families : "${local.ecs_task_definition_arn_prefix}${family}*:*"]
}
