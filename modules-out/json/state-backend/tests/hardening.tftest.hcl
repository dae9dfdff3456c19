# Needs the hashicorp/aws provider (downloaded by terraform init), not an AWS account:
# the provider is mocked. Run: terraform init && terraform test
mock_provider "aws" {
  mock_data "aws_caller_identity" {
    defaults = {
      account_id = "123456789012"
    }
  }
  mock_data "aws_region" {
    defaults = {
      id = "eu-west-1"
    }
  }
  mock_data "aws_partition" {
    defaults = {
      partition  = "aws"
      dns_suffix = "amazonaws.com"
    }
  }
}

variables {
  bucket_name = "tz-state-123456789012-eu-west-1"
}

run "defaults_kms_key_and_lock_files" {
  command = plan

  assert {
    condition     = length(aws_kms_key.this) == 1 && aws_kms_key.this[0].enable_key_rotation
    error_message = "The default is a dedicated KMS key with rotation on."
  }
  assert {
    condition     = length(aws_dynamodb_table.this) == 0
    error_message = "lock_mode = lockfile creates no lock table."
  }
  assert {
    condition     = length(aws_s3_bucket_logging.this) == 0
    error_message = "Access logging is off unless access_log_bucket_name is set."
  }
  assert {
    condition     = aws_s3_bucket_versioning.this.versioning_configuration[0].status == "Enabled"
    error_message = "The state bucket must be versioned."
  }
  assert {
    condition = alltrue([
      aws_s3_bucket_public_access_block.this.block_public_acls,
      aws_s3_bucket_public_access_block.this.block_public_policy,
      aws_s3_bucket_public_access_block.this.ignore_public_acls,
      aws_s3_bucket_public_access_block.this.restrict_public_buckets,
    ])
    error_message = "All four public access blocks must be on."
  }
  assert {
    condition     = aws_s3_bucket_ownership_controls.this.rule[0].object_ownership == "BucketOwnerEnforced"
    error_message = "ACLs must be disabled (BucketOwnerEnforced)."
  }
}

run "dynamodb_lock_mode_creates_a_protected_table" {
  command = plan
  variables {
    lock_mode = "dynamodb"
  }

  assert {
    condition     = length(aws_dynamodb_table.this) == 1 && aws_dynamodb_table.this[0].deletion_protection_enabled
    error_message = "lock_mode = dynamodb creates the lock table, with deletion protection."
  }
  assert {
    condition     = aws_dynamodb_table.this[0].name == "tz-state-123456789012-eu-west-1-locks"
    error_message = "The lock table is named <bucket_name>-locks by default."
  }
}

run "sse_s3_creates_no_key" {
  command = plan
  variables {
    encryption = "sse-s3"
  }

  assert {
    condition     = length(aws_kms_key.this) == 0 && length(aws_kms_alias.this) == 0
    error_message = "encryption = sse-s3 creates no KMS key."
  }
}

run "access_logging_is_off_by_default_and_on_with_a_log_bucket" {
  command = plan
  variables {
    access_log_bucket_name = "tz-access-logs-123456789012-eu-west-1"
  }

  assert {
    condition     = length(aws_s3_bucket_logging.this) == 1
    error_message = "access_log_bucket_name turns on server access logging of the state bucket."
  }
  assert {
    condition     = aws_s3_bucket_logging.this[0].target_bucket == "tz-access-logs-123456789012-eu-west-1"
    error_message = "The logs go to the given bucket."
  }
}

run "refuses_an_invalid_bucket_name" {
  command = plan
  variables {
    bucket_name = "Tz_State"
  }
  expect_failures = [var.bucket_name]
}
