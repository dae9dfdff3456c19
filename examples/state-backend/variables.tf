variable "region" {
  description = "AWS region to deploy into."
  type        = string
  default     = "eu-west-1"
}

variable "environment_name" {
  description = "Environment the backend belongs to: the bucket is <environment_name>-state-<account_id>-<region> and everything is tagged Environment = <environment_name>."
  type        = string
  default     = "tz"
}

variable "encryption" {
  description = "\"kms\" (a dedicated customer managed key) or \"sse-s3\"."
  type        = string
  default     = "kms"
}

variable "lock_mode" {
  description = "\"lockfile\" (S3-native lock files), \"dynamodb\" (lock table <bucket_name>-locks) or \"both\" (while migrating)."
  type        = string
  default     = "both"
}

variable "state_key_prefix" {
  description = "Key prefix of the state objects: runtime_policy_json and backend_config use it."
  type        = string
  default     = "tz/v1/"
}

variable "noncurrent_version_expiration_days" {
  description = "Days after which noncurrent state versions are deleted."
  type        = number
  default     = 90
}

variable "tags" {
  description = "Tags for the bucket, key and table, in addition to Environment = <environment_name>."
  type        = map(string)
  default = {
    Project = "secure-tf-modules-example"
  }
}
