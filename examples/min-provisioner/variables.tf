variable "region" {
  description = "AWS region the deploy policies are scoped to (and the provider's region)."
  type        = string
  default     = "eu-west-1"
}

variable "environment_name" {
  description = "Environment: the role is <environment_name>-MinProvisioner and its policies allow only <environment_name>-... resources."
  type        = string
  default     = "tz"
}

variable "trusted_principal_arns" {
  description = "Principals that may assume the role (e.g. arn:aws:iam::123456789012:role/platform-ci); empty means this account's root."
  type        = list(string)
  default     = []
}

variable "deploy_profiles" {
  description = "Deploy profiles whose policies the role gets (min_provisioner needs a permissions boundary: see the module's README)."
  type        = list(string)
  default     = ["state_backend", "aurora_cluster", "ecs_compute"]
}

variable "max_session_duration" {
  description = "Maximum session duration of the role, in seconds (3600 to 43200)."
  type        = number
  default     = 3600
}
