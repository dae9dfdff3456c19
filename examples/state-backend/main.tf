provider "aws" {
  region = var.region
}

data "aws_caller_identity" "current" {}

locals {
  # Seed 002's convention, which the state_backend deploy policy scopes to by default:
  # <environment_name>-state-<account_id>-<region> (lib/naming/state-backend.ts).
  bucket_name = "${var.environment_name}-state-${data.aws_caller_identity.current.account_id}-${var.region}"
}

# The state bucket, its KMS key and (with lock_mode "dynamodb" or "both") the lock table
# <bucket_name>-locks. Bucket, key and table are prevent_destroy: `terraform destroy` stops on them.
module "state_backend" {
  source = "../../modules-out/hcl/state-backend"

  bucket_name                        = local.bucket_name
  environment_name                   = var.environment_name
  encryption                         = var.encryption
  lock_mode                          = var.lock_mode
  state_key_prefix                   = var.state_key_prefix
  noncurrent_version_expiration_days = var.noncurrent_version_expiration_days
  tags                               = var.tags
}
