variable "environment_name" {
  description = "Environment (name prefix): the role is <environment_name>-<role_name>, its policies <environment_name>-<role_name>-<profile>-<n>; everything is tagged Environment = <environment_name>."
  type        = string
  validation {
    error_message = "The environment_name must be 2-16 characters: lowercase letters, digits and '-', starting with a letter and not ending with '-'."
    condition = (
      can(regex("^[a-z][a-z0-9-]*[a-z0-9]$", var.environment_name))
      && length(var.environment_name) <= 16
    )
  }
}

variable "role_name" {
  default     = "MinProvisioner"
  description = "Role name after the environment prefix (the role is <environment_name>-<role_name>)."
  type        = string
  nullable    = false
  validation {
    error_message = "The role_name must be 1-47 characters: letters, digits and +=,.@_- (the role is named <environment_name>-<role_name>)."
    condition     = can(regex("^[A-Za-z0-9+=,.@_-]+$", var.role_name)) && length(var.role_name) <= 47
  }
}

variable "trusted_principal_arns" {
  description = "ARNs of the principals (account root, user, role or assumed-role session) that may assume the role. No wildcards."
  type        = list(string)
  nullable    = false
  validation {
    error_message = "The trusted_principal_arns must name at least one principal."
    condition     = length(var.trusted_principal_arns) > 0
  }
  validation {
    error_message = "Each of trusted_principal_arns must be the ARN of an account root (arn:aws:iam::<account_id>:root), a user or role (arn:aws:iam::<account_id>:role/<name>) or an assumed-role session, without wildcards."
    condition = alltrue([for arn in var.trusted_principal_arns : can(
      regex(
        join("", [
          "^arn:aws(-cn|-us-gov)?:(iam::[0-9]{12}:(root|(user|role)(/[A-Za-z0-9+=,.@_-]+)*/",
          "[A-Za-z0-9+=,.@_-]{1,64})|sts::[0-9]{12}:assumed-role/[A-Za-z0-9+=,.@_-]{1,64}/",
          "[A-Za-z0-9+=,.@_-]{2,64})$"
        ]),
        arn
      )
    )])
  }
}

variable "external_id" {
  default     = null
  description = "When set, assuming the role requires this sts:ExternalId."
  type        = string
  nullable    = true
  validation {
    error_message = "The external_id must be 2-1,224 characters: letters, digits and _+=,.@:/-, or null."
    condition = (
      var.external_id == null
      ? true
      : (
        can(regex("^[A-Za-z0-9_+=,.@:/-]+$", var.external_id))
        && length(var.external_id) >= 2
        && length(var.external_id) <= 1224
      )
    )
  }
}

variable "require_mfa" {
  default     = false
  description = "When true, assuming the role requires MFA (aws:MultiFactorAuthPresent)."
  type        = bool
  nullable    = false
}

variable "deploy_profiles" {
  default     = ["state_backend", "aurora_cluster", "ecs_compute"]
  description = "Deploy profiles whose policies the role gets: any of state_backend, aurora_cluster, ecs_compute, min_provisioner. min_provisioner is not in the default and needs permissions_boundary_arn (a role holding it can rewrite its own policies)."
  type        = list(string)
  nullable    = false
  validation {
    error_message = "The deploy_profiles must list at least one of state_backend, aurora_cluster, ecs_compute, min_provisioner, each once."
    condition = (
      length(var.deploy_profiles) > 0
      && length(distinct(var.deploy_profiles)) == length(var.deploy_profiles)
      && alltrue([for profile in var.deploy_profiles : contains(
        ["state_backend", "aurora_cluster", "ecs_compute", "min_provisioner"],
        profile
      )])
    )
  }
  validation {
    error_message = "The deploy_profiles may include min_provisioner only when permissions_boundary_arn is set: that profile can rewrite the role's own policies, and the boundary caps what they can grant."
    condition     = !contains(var.deploy_profiles, "min_provisioner") || var.permissions_boundary_arn != null
  }
}

variable "permissions_boundary_arn" {
  default     = null
  description = "ARN of a managed policy to set as the role's permissions boundary."
  type        = string
  nullable    = true
  validation {
    error_message = "The permissions_boundary_arn must be a managed policy ARN (arn:aws:iam::<account_id>:policy/<name> or arn:aws:iam::aws:policy/<name>), or null."
    condition = (
      var.permissions_boundary_arn == null
      ? true
      : can(
        regex(
          "^arn:aws(-cn|-us-gov)?:iam::([0-9]{12}|aws):policy/[A-Za-z0-9+=,.@_/-]+$",
          var.permissions_boundary_arn
        )
      )
    )
  }
}

variable "max_session_duration" {
  default     = 3600
  description = "Maximum session duration in seconds (3600 to 43200)."
  type        = number
  nullable    = false
  validation {
    error_message = "The max_session_duration must be a whole number of seconds from 3600 (1 hour) to 43200 (12 hours)."
    condition = (
      var.max_session_duration >= 3600
      && var.max_session_duration <= 43200
      && floor(var.max_session_duration) == var.max_session_duration
    )
  }
}

variable "state_bucket_name" {
  default     = null
  description = "State bucket the state_backend profile may create (default: <environment_name>-state-<account_id>-<region>)."
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
  description = "Lock table the state_backend profile may create (default: <state_bucket_name>-locks, as the state-backend module names it)."
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
  description = "Aurora cluster the aurora_cluster profile may create (default: <environment_name>-aurora)."
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
