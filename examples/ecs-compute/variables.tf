variable "region" {
  description = "AWS region to deploy into."
  type        = string
  default     = "eu-west-1"
}

variable "environment_name" {
  description = "Environment the workload belongs to: every name starts with it and every resource is tagged Environment = <environment_name>."
  type        = string
  default     = "tz"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]*[a-z0-9]$", var.environment_name)) && length(var.environment_name) <= 16
    error_message = "The environment_name must be 2-16 characters: lowercase letters, digits and '-', starting with a letter and not ending with '-'."
  }
}

variable "ecs_workload_name" {
  description = "The workload (seed 004: orchestra): cluster, roles, policies and log groups are named <environment_name>-<ecs_workload_name>-..., as the ecs_compute deploy policy scopes them."
  type        = string
  default     = "orchestra"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]*[a-z0-9]$", var.ecs_workload_name)) && length(var.ecs_workload_name) <= 16
    error_message = "The ecs_workload_name must be 2-16 characters: lowercase letters, digits and '-', starting with a letter and not ending with '-'."
  }
}

variable "ecs_task_families" {
  description = "Task definition families (seed 004: dbt_core, python): one task definition <environment_name>-<family>, task role, policy and log group each."
  type        = list(string)
  default     = ["dbt_core", "python"]

  validation {
    condition = (
      length(var.ecs_task_families) >= 1
      && length(var.ecs_task_families) <= 3
      && length(distinct(var.ecs_task_families)) == length(var.ecs_task_families)
      && alltrue([for family in var.ecs_task_families : can(regex("^[A-Za-z0-9_-]+$", family)) && length(family) <= 20])
    )
    error_message = "The ecs_task_families must be 1 to 3 distinct names of 1-20 characters: letters, digits, '_' and '-'."
  }
}

variable "ecs_role_permissions_boundary_arn" {
  description = "Managed policy ARN set as the permissions boundary of every role here; use the same value as the deploy-policies module's ecs_role_permissions_boundary_arn, whose ecs_compute policy then creates roles only with it."
  type        = string
  default     = null
}

variable "service_family" {
  description = "The task family the ECS service runs (one of ecs_task_families)."
  type        = string
  default     = "python"

  validation {
    condition     = contains(var.ecs_task_families, var.service_family)
    error_message = "The service_family must be one of ecs_task_families."
  }
}

variable "service_desired_count" {
  description = "Tasks the service keeps running. 0 by default: the example's subnet has no route to a registry, so give it one (NAT gateway or VPC endpoints) before running tasks."
  type        = number
  default     = 0
}

variable "container_image" {
  description = "Image of every task definition's container."
  type        = string
  default     = "public.ecr.aws/docker/library/python:3.12-slim"
}

variable "log_retention_days" {
  description = "Days the tasks' log groups keep events."
  type        = number
  default     = 30
}

variable "vpc_cidr" {
  description = "CIDR block of the example's VPC; the tasks' subnet is its first /24 block."
  type        = string
  default     = "10.30.0.0/16"
}

variable "tags" {
  description = "Tags for every resource, in addition to Environment = <environment_name>."
  type        = map(string)
  default = {
    Project = "secure-tf-modules-example"
  }
}
