variable "environment_name" {
  description = "Environment (name prefix); every derived name starts with it and every created resource is tagged Environment = <environment_name>."
  type        = string
  validation {
    error_message = "The environment_name must be 2-16 characters: lowercase letters, digits and '-', starting with a letter and not ending with '-'."
    condition = (
      can(regex("^[a-z][a-z0-9-]*[a-z0-9]$", var.environment_name))
      && length(var.environment_name) <= 16
    )
  }
}

variable "account_id" {
  description = "AWS account id the policies are for."
  type        = string
  validation {
    error_message = "The account_id must be exactly 12 digits."
    condition     = can(regex("^[0-9]{12}$", var.account_id)) && length(var.account_id) <= 12
  }
}

variable "region" {
  description = "AWS region the resources live in."
  type        = string
  validation {
    error_message = "The region must be an AWS region name such as eu-west-1 or ap-southeast-2 (at most 16 characters)."
    condition     = can(regex("^[a-z]{2}(-[a-z]+)+-[0-9]$", var.region)) && length(var.region) <= 16
  }
}

variable "state_bucket_name" {
  default     = null
  description = "State bucket name (default: <environment_name>-state-<account_id>-<region>)."
  type        = string
  nullable    = true
  validation {
    error_message = "The state_bucket_name must be 3-63 characters: lowercase letters, digits, '.' and '-', starting and ending with a letter or digit, or null."
    condition = (
      var.state_bucket_name == null
      ? true
      : (
        can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.state_bucket_name))
        && length(var.state_bucket_name) <= 63
      )
    )
  }
}

variable "lock_table_name" {
  default     = null
  description = "DynamoDB lock table name (default: <state_bucket_name>-locks, as the state-backend module names it)."
  type        = string
  nullable    = true
  validation {
    error_message = "The lock_table_name must be 3-255 characters: letters, digits, '_', '-' and '.', or null."
    condition = (
      var.lock_table_name == null
      ? true
      : (
        can(regex("^[A-Za-z0-9_.-]{3,255}$", var.lock_table_name))
        && length(var.lock_table_name) <= 255
      )
    )
  }
}

variable "aurora_cluster_identifier" {
  default     = null
  description = "Aurora cluster identifier (default: <environment_name>-aurora)."
  type        = string
  nullable    = true
  validation {
    error_message = "The aurora_cluster_identifier must be 1-51 characters: lowercase letters, digits and single hyphens, starting with a letter, not ending with '-', or null."
    condition = (
      var.aurora_cluster_identifier == null
      ? true
      : (
        can(regex("^[a-z](-?[a-z0-9])*$", var.aurora_cluster_identifier))
        && length(var.aurora_cluster_identifier) <= 51
      )
    )
  }
}

variable "min_provisioner_role_name" {
  default     = "MinProvisioner"
  description = "The min-provisioner module's role_name (its role is <environment_name>-<role_name>)."
  type        = string
  validation {
    error_message = "The min_provisioner_role_name must be 1-47 characters: letters, digits and +=,.@_- (the role is named <environment_name>-<role_name>)."
    condition = (
      can(regex("^[A-Za-z0-9+=,.@_-]+$", var.min_provisioner_role_name))
      && length(var.min_provisioner_role_name) <= 47
    )
  }
}

variable "ecs_workload_name" {
  default     = "orchestra"
  description = "The ECS workload the ecs_compute profile deploys: its cluster, roles, policies, buckets and log groups are named <environment_name>-<ecs_workload_name>-... (seed 004: orchestra)."
  type        = string
  nullable    = false
  validation {
    error_message = "The ecs_workload_name must be 2-16 characters: lowercase letters, digits and '-', starting with a letter and not ending with '-' (names are <environment_name>-<ecs_workload_name>-...)."
    condition = (
      can(regex("^[a-z][a-z0-9-]*[a-z0-9]$", var.ecs_workload_name))
      && length(var.ecs_workload_name) <= 16
    )
  }
}

variable "ecs_task_families" {
  default     = ["dbt_core", "python"]
  description = "Task definition families the ecs_compute profile may register, each named <environment_name>-<family>* (seed 004: dbt_core, python)."
  type        = list(string)
  nullable    = false
  validation {
    error_message = "The ecs_task_families must be 1 to 3 task definition family names of 1-20 characters: letters, digits, '_' and '-' (each family is <environment_name>-<family>*), each once."
    condition = (
      length(var.ecs_task_families) >= 1
      && length(var.ecs_task_families) <= 3
      && length(distinct(var.ecs_task_families)) == length(var.ecs_task_families)
      && alltrue([for family in var.ecs_task_families : can(regex("^[A-Za-z0-9_-]+$", family)) && length(family) <= 20])
    )
  }
}

variable "ecs_role_permissions_boundary_arn" {
  default     = null
  description = "Permissions boundary (managed policy ARN) the ECS roles must have. When set, the ecs_compute profile creates the roles only with it; when null, it can create roles of any power (see Deploy permissions)."
  type        = string
  nullable    = true
  validation {
    error_message = "The ecs_role_permissions_boundary_arn must be a managed policy ARN (arn:aws:iam::<account_id>:policy/<name> or arn:aws:iam::aws:policy/<name>) of at most 140 characters, or null."
    condition = (
      var.ecs_role_permissions_boundary_arn == null
      ? true
      : (
        can(
          regex(
            "^arn:aws(-cn|-us-gov)?:iam::([0-9]{12}|aws):policy/[A-Za-z0-9+=,.@_/-]+$",
            var.ecs_role_permissions_boundary_arn
          )
        )
        && length(var.ecs_role_permissions_boundary_arn) <= 140
      )
    )
  }
}

variable "partition" {
  default     = "aws"
  description = "AWS partition every ARN is in: \"aws\", \"aws-cn\" or \"aws-us-gov\"."
  type        = string
  nullable    = false
  validation {
    error_message = "The partition must be one of \"aws\", \"aws-cn\", \"aws-us-gov\"."
    condition     = contains(["aws", "aws-cn", "aws-us-gov"], var.partition)
  }
  validation {
    error_message = "The partition must be the one of region: cn-* regions are in \"aws-cn\", us-gov-* regions in \"aws-us-gov\", every other region in \"aws\"."
    condition = (
      startswith(var.region, "cn-")
      ? "aws-cn"
      : (startswith(var.region, "us-gov-") ? "aws-us-gov" : "aws")
    ) == var.partition
  }
}
