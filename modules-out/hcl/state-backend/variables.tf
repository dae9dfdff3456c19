variable "bucket_name" {
  description = "Name of the state bucket (3-63 characters: lowercase letters, digits, '.' and '-', starting and ending with a letter or digit)."
  type        = string
  validation {
    error_message = "The bucket_name must be 3-63 characters: lowercase letters, digits, '.' and '-', starting and ending with a letter or digit."
    condition     = can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.bucket_name)) && length(var.bucket_name) <= 63
  }
}

variable "encryption" {
  default     = "kms"
  description = "\"kms\" (a dedicated customer managed key, rotation on, S3 bucket key) or \"sse-s3\" (S3-managed keys)."
  type        = string
  nullable    = false
  validation {
    error_message = "The encryption must be one of \"kms\", \"sse-s3\"."
    condition     = contains(["kms", "sse-s3"], var.encryption)
  }
}

variable "lock_mode" {
  default     = "lockfile"
  description = "\"lockfile\" (S3-native lock files; Terraform >= 1.11, OpenTofu >= 1.10), \"dynamodb\" (lock table) or \"both\" (while migrating)."
  type        = string
  nullable    = false
  validation {
    error_message = "The lock_mode must be one of \"lockfile\", \"dynamodb\", \"both\"."
    condition     = contains(["lockfile", "dynamodb", "both"], var.lock_mode)
  }
}

variable "lock_table_name" {
  default     = null
  description = "Name of the DynamoDB lock table, used when lock_mode is \"dynamodb\" or \"both\". null means \"<bucket_name>-locks\"."
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

variable "noncurrent_version_expiration_days" {
  default     = 90
  description = "Days after which noncurrent state versions (and old lock files) are deleted."
  type        = number
  nullable    = false
  validation {
    error_message = "The noncurrent_version_expiration_days must be a whole number of days, at least 1."
    condition = (
      var.noncurrent_version_expiration_days >= 1
      && floor(var.noncurrent_version_expiration_days) == var.noncurrent_version_expiration_days
    )
  }
}

variable "state_key_prefix" {
  default     = "terraform/"
  description = "Key prefix the runtime policy and backend_config use for state objects (a key prefix without a leading '/', without '*' or '?', ending with '/' (e.g. tz/v1/))."
  type        = string
  nullable    = false
  validation {
    error_message = "The state_key_prefix must be a key prefix without a leading '/', without '*' or '?', ending with '/' (e.g. tz/v1/)."
    condition = (
      can(regex("^[A-Za-z0-9!_.'()=+-][A-Za-z0-9!_.'()=+/-]*/$", var.state_key_prefix))
      && length(var.state_key_prefix) <= 200
    )
  }
}

variable "tags" {
  default     = {}
  description = "Tags for every taggable resource (bucket, KMS key, lock table)."
  type        = map(string)
  nullable    = false
}

variable "environment_name" {
  default     = null
  description = "Environment the backend belongs to: tags every taggable resource Environment = <environment_name> (over tags). The state_backend deploy policy creates the KMS key only with this tag; null adds no tag (2-16 characters: lowercase letters, digits and '-', starting with a letter and not ending with '-')."
  type        = string
  nullable    = true
  validation {
    error_message = "The environment_name must be 2-16 characters: lowercase letters, digits and '-', starting with a letter and not ending with '-', or null."
    condition = (
      var.environment_name == null
      ? true
      : (
        can(regex("^[a-z][a-z0-9-]*[a-z0-9]$", var.environment_name))
        && length(var.environment_name) <= 16
      )
    )
  }
}

variable "access_log_bucket_name" {
  default     = null
  description = "Bucket that receives the state bucket's S3 server access logs, under <bucket_name>/; null (the default) logs nothing. The log bucket must let logging.s3.amazonaws.com write to it."
  type        = string
  nullable    = true
  validation {
    error_message = "The access_log_bucket_name must be 3-63 characters: lowercase letters, digits, '.' and '-', starting and ending with a letter or digit, or null."
    condition = (
      var.access_log_bucket_name == null
      ? true
      : (
        can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.access_log_bucket_name))
        && length(var.access_log_bucket_name) <= 63
      )
    )
  }
}
