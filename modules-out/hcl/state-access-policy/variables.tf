variable "bucket_name" {
  description = "Name of the S3 bucket that holds Terraform state."
  type        = string
  validation {
    error_message = "bucket_name must be 3-63 characters: lowercase letters, digits, '.' and '-', starting and ending with a letter or digit."
    condition     = length(var.bucket_name) <= 63 && can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.bucket_name))
  }
  validation {
    error_message = "bucket_name must not contain '..', look like an IP address, start with 'xn--', 'sthree-' or 'amzn-s3-demo-', or end with '-s3alias', '--ol-s3', '--x-s3' or '--table-s3' (AWS reserves these)."
    condition = !can(
      regex(
        join(
          "",
          [
            "[.][.]|^[0-9]+[.][0-9]+[.][0-9]+[.][0-9]+$|^(xn--|sthree-|am",
            "zn-s3-demo-)|(-s3alias|--ol-s3|--x-s3|--table-s3)$"
          ]
        ),
        var.bucket_name
      )
    )
  }
}

variable "state_key_prefix" {
  description = "Key prefix the policies grant, without a leading '/', without '*' or '?', ending with '/' (e.g. tz/v1/)."
  type        = string
  validation {
    error_message = "state_key_prefix must not start with '/': S3 keys have no leading slash, so \"/tz/v1/\" would match nothing (write \"tz/v1/\")."
    condition     = !can(regex("^/", var.state_key_prefix))
  }
  validation {
    error_message = "state_key_prefix must not contain '*' or '?': IAM reads them as wildcards and would grant more than one prefix."
    condition     = !can(regex("[*?]", var.state_key_prefix))
  }
  validation {
    error_message = "state_key_prefix must end with '/': without it \"tz/v1\" would also grant \"tz/v1-old/...\"."
    condition     = can(regex("/$", var.state_key_prefix))
  }
  validation {
    error_message = "state_key_prefix must be at most 200 characters of letters, digits and !_.'()=+-/ : a key prefix without a leading '/', without '*' or '?', ending with '/' (e.g. tz/v1/)."
    condition = (
      length(var.state_key_prefix) <= 200
      && can(regex("^[A-Za-z0-9!_.'()=+-][A-Za-z0-9!_.'()=+/-]*/$", var.state_key_prefix))
    )
  }
}

variable "kms_key_arn" {
  default     = null
  description = "ARN of the KMS key that encrypts state (SSE-KMS); null for SSE-S3."
  type        = string
  nullable    = true
  validation {
    error_message = "kms_key_arn must be null or a KMS key ARN such as arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-44cd-a6ef-1234567890ab (not an alias: IAM authorizes KMS use on the key ARN)."
    condition = (
      var.kms_key_arn == null
      || can(
        regex(
          join(
            "",
            [
              "^arn:aws:kms:[a-z]{2}(-[a-z]+)+-[0-9]:[0-9]{12}:key/(mrk-[0-",
              "9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-",
              "9a-f]{3}-[0-9a-f]{12})$"
            ]
          ),
          var.kms_key_arn
        )
      )
    )
  }
}

variable "lock_table_arn" {
  default     = null
  description = "ARN of the DynamoDB lock table (dynamodb_table); null when Terraform does not lock with DynamoDB."
  type        = string
  nullable    = true
  validation {
    error_message = "lock_table_arn must be null or a DynamoDB table ARN such as arn:aws:dynamodb:eu-west-1:123456789012:table/tz-state-locks (table name: 3-255 characters: letters, digits, '_', '-' and '.')."
    condition = (
      var.lock_table_arn == null
      || can(
        regex(
          "^arn:aws:dynamodb:[a-z]{2}(-[a-z]+)+-[0-9]:[0-9]{12}:table/[A-Za-z0-9_.-]{3,255}$",
          var.lock_table_arn
        )
      )
    )
  }
}

variable "use_lockfile" {
  default     = true
  description = "Whether Terraform locks with S3 lock files (use_lockfile = true in the backend)."
  type        = bool
  nullable    = false
}

variable "list_bucket_without_prefix" {
  default     = false
  description = "Also grant s3:ListBucket on the whole bucket (no s3:prefix condition), for accounts where the first init on a new key gets 403 instead of 404; lets the role see every key name in the bucket. Off by default."
  type        = bool
  nullable    = false
}
