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
