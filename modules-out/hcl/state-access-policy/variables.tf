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
        join("", [
          "[.][.]|^[0-9]+[.][0-9]+[.][0-9]+[.][0-9]+$|^(xn--|sthree-|amzn-s3-demo-)|(-s3ali",
          "as|--ol-s3|--x-s3|--table-s3)$"
        ]),
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
    error_message = "kms_key_arn must be null or a KMS key ARN arn:<partition>:kms:<region>:<12-digit account>:key/<key id>, the key id as Terraform's S3 backend accepts it: a lowercase UUID of version 1-5 with variant 8, 9, a or b (xxxxxxxx-xxxx-Vxxx-Yxxx-xxxxxxxxxxxx, V = 1-5, Y = 8, 9, a or b), or mrk- + 32 lowercase hex digits (multi-Region key); for example arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-44cd-a6ef-1234567890ab. Not an alias: IAM authorizes KMS use on the key ARN."
    condition = (
      var.kms_key_arn == null
      || can(
        regex(
          join("", [
            "^arn:(aws|aws-cn|aws-us-gov):kms:[a-z]{2}(-[a-z]+)+-[0-9]:[0-9]{12}:key/",
            "(mrk-[0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-",
            "9a-f]{12})$"
          ]),
          var.kms_key_arn
        )
      )
    )
  }
  validation {
    error_message = "kms_key_arn must be in the partition given by partition (arn:aws-us-gov:kms:us-gov-west-1:... for aws-us-gov), with a region of that partition: cn-* regions are in \"aws-cn\", us-gov-* regions in \"aws-us-gov\", every other region in \"aws\"."
    condition = (
      var.kms_key_arn == null
      ? true
      : try(
        split(":", var.kms_key_arn)[1] == var.partition && (
          startswith(split(":", var.kms_key_arn)[3], "cn-")
          ? "aws-cn"
          : (startswith(split(":", var.kms_key_arn)[3], "us-gov-") ? "aws-us-gov" : "aws")
        ) == var.partition,
        false
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
          join("", [
            "^arn:(aws|aws-cn|aws-us-gov):dynamodb:[a-z]{2}(-[a-z]+)+-[0-9]:[0-9]{12}:table/",
            "[A-Za-z0-9_.-]{3,255}$"
          ]),
          var.lock_table_arn
        )
      )
    )
  }
  validation {
    error_message = "lock_table_arn must be in the partition given by partition (arn:aws-cn:dynamodb:cn-north-1:... for aws-cn), with a region of that partition: cn-* regions are in \"aws-cn\", us-gov-* regions in \"aws-us-gov\", every other region in \"aws\"."
    condition = (
      var.lock_table_arn == null
      ? true
      : try(
        split(":", var.lock_table_arn)[1] == var.partition && (
          startswith(split(":", var.lock_table_arn)[3], "cn-")
          ? "aws-cn"
          : (startswith(split(":", var.lock_table_arn)[3], "us-gov-") ? "aws-us-gov" : "aws")
        ) == var.partition,
        false
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

variable "partition" {
  default     = "aws"
  description = "AWS partition every ARN is in: \"aws\", \"aws-cn\" or \"aws-us-gov\"."
  type        = string
  nullable    = false
  validation {
    error_message = "The partition must be one of \"aws\", \"aws-cn\", \"aws-us-gov\"."
    condition     = contains(["aws", "aws-cn", "aws-us-gov"], var.partition)
  }
}
