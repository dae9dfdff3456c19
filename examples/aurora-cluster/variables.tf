variable "region" {
  description = "AWS region to deploy into."
  type        = string
  default     = "eu-west-1"
}

variable "environment_name" {
  description = "Environment the cluster belongs to: its names start with it (<environment_name>-aurora...) and every resource is tagged Environment = <environment_name>, as the aurora_cluster deploy policy requires."
  type        = string
  default     = "tz"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]*[a-z0-9]$", var.environment_name)) && length(var.environment_name) <= 16
    error_message = "The environment_name must be 2-16 characters: lowercase letters, digits and '-', starting with a letter and not ending with '-'."
  }
}

variable "instance_count" {
  description = "Number of cluster instances (<environment_name>-aurora-instance-1, -2, ...); the first is the writer."
  type        = number
  default     = 1

  validation {
    condition     = var.instance_count >= 1 && var.instance_count <= 15
    error_message = "The instance_count must be between 1 and 15 (an Aurora cluster has at most 15 instances)."
  }
}

variable "instance_class" {
  description = "Instance class of every cluster instance."
  type        = string
  default     = "db.t4g.medium"
}

variable "engine_version" {
  description = "Aurora PostgreSQL engine version (its major version must match the parameter group family, aurora-postgresql16)."
  type        = string
  default     = "16.6"
}

variable "backup_retention_period" {
  description = "Days automated backups are kept (1-35)."
  type        = number
  default     = 7
}

variable "deletion_protection" {
  description = "Refuse to delete the cluster. Set to false and apply before `terraform destroy`."
  type        = bool
  default     = true
}

variable "vpc_cidr" {
  description = "CIDR block of the example's VPC; the two database subnets are its first two /24 blocks, and only this VPC may reach PostgreSQL's port."
  type        = string
  default     = "10.20.0.0/16"
}

variable "tags" {
  description = "Tags for every resource, in addition to Environment = <environment_name>."
  type        = map(string)
  default = {
    Project = "secure-tf-modules-example"
  }
}
