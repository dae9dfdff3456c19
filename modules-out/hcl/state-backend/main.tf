locals {
  kms_enabled        = (var.encryption == "kms")
  lock_table_enabled = contains(["dynamodb", "both"], var.lock_mode)
  use_lockfile       = contains(["lockfile", "both"], var.lock_mode)
  sse_algorithm      = local.kms_enabled ? "aws:kms" : "AES256"
}

data "aws_caller_identity" "current" {
}

data "aws_region" "current" {
}

data "aws_partition" "current" {
}

resource "aws_s3_bucket" "this" {
  bucket        = var.bucket_name
  force_destroy = false
  tags          = merge(var.tags, var.environment_name == null ? {} : { Environment = var.environment_name })
  lifecycle {
    prevent_destroy = true
  }
}

resource "aws_kms_key" "this" {
  deletion_window_in_days = 30
  description             = "Encrypts the Terraform state in bucket ${var.bucket_name}"
  enable_key_rotation     = true
  policy = jsonencode({
    "Version" = "2012-10-17",
    "Statement" = [
      {
        "Sid"    = "EnableIamPoliciesOfAccount",
        "Effect" = "Allow",
        "Principal" = {
          "AWS" = [
            "arn:${data.aws_partition.current.partition}:iam::${data.aws_caller_identity.current.account_id}:root"
          ]
        },
        "Action"   = ["kms:*"],
        "Resource" = ["*"]
      },
      {
        "Sid"       = "DenyDataUseOutsideS3AndDynamoDb",
        "Effect"    = "Deny",
        "Principal" = "*",
        "Action" = [
          "kms:Encrypt",
          "kms:Decrypt",
          "kms:ReEncryptFrom",
          "kms:ReEncryptTo",
          "kms:GenerateDataKey",
          "kms:GenerateDataKeyWithoutPlaintext",
          "kms:GenerateDataKeyPair",
          "kms:GenerateDataKeyPairWithoutPlaintext"
        ],
        "Resource" = ["*"],
        "Condition" = {
          "StringNotEquals" = {
            "kms:ViaService" = [
              "s3.${data.aws_region.current.id}.${data.aws_partition.current.dns_suffix}",
              "dynamodb.${data.aws_region.current.id}.${data.aws_partition.current.dns_suffix}"
            ]
          },
          "Bool" = { "aws:PrincipalIsAWSService" = "false" }
        }
      },
      {
        "Sid"       = "DenyS3UseForOtherBuckets",
        "Effect"    = "Deny",
        "Principal" = "*",
        "Action" = [
          "kms:Encrypt",
          "kms:Decrypt",
          "kms:ReEncryptFrom",
          "kms:ReEncryptTo",
          "kms:GenerateDataKey",
          "kms:GenerateDataKeyWithoutPlaintext",
          "kms:GenerateDataKeyPair",
          "kms:GenerateDataKeyPairWithoutPlaintext"
        ],
        "Resource" = ["*"],
        "Condition" = {
          "StringEquals" = {
            "kms:ViaService" = [
              "s3.${data.aws_region.current.id}.${data.aws_partition.current.dns_suffix}"
            ]
          },
          "StringNotLike" = {
            "kms:EncryptionContext:aws:s3:arn" = [
              "arn:${data.aws_partition.current.partition}:s3:::${var.bucket_name}",
              "arn:${data.aws_partition.current.partition}:s3:::${var.bucket_name}/*"
            ]
          }
        }
      },
      {
        "Sid"       = "DenyGrantsExceptForAwsResources",
        "Effect"    = "Deny",
        "Principal" = "*",
        "Action"    = ["kms:CreateGrant"],
        "Resource"  = ["*"],
        "Condition" = { "Bool" = { "kms:GrantIsForAWSResource" = "false" } }
      }
    ]
  })
  tags  = merge(var.tags, var.environment_name == null ? {} : { Environment = var.environment_name })
  count = local.kms_enabled ? 1 : 0
  lifecycle {
    prevent_destroy = true
  }
}

resource "aws_kms_alias" "this" {
  name          = "alias/${replace(var.bucket_name, ".", "-")}"
  target_key_id = aws_kms_key.this[0].key_id
  count         = local.kms_enabled ? 1 : 0
}

resource "aws_s3_bucket_versioning" "this" {
  bucket = aws_s3_bucket.this.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_public_access_block" "this" {
  block_public_acls       = true
  block_public_policy     = true
  bucket                  = aws_s3_bucket.this.id
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_ownership_controls" "this" {
  bucket = aws_s3_bucket.this.id
  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "this" {
  bucket = aws_s3_bucket.this.id
  rule {
    bucket_key_enabled = local.kms_enabled
    apply_server_side_encryption_by_default {
      kms_master_key_id = one(aws_kms_key.this[*].arn)
      sse_algorithm     = local.sse_algorithm
    }
  }
}

resource "aws_s3_bucket_policy" "this" {
  bucket = aws_s3_bucket.this.id
  policy = jsonencode({
    "Version" = "2012-10-17",
    "Statement" = concat(
      [
        {
          "Sid"       = "DenyInsecureTransport",
          "Effect"    = "Deny",
          "Principal" = "*",
          "Action"    = ["s3:*"],
          "Resource" = [
            "arn:${data.aws_partition.current.partition}:s3:::${aws_s3_bucket.this.bucket}",
            "arn:${data.aws_partition.current.partition}:s3:::${aws_s3_bucket.this.bucket}/*"
          ],
          "Condition" = { "Bool" = { "aws:SecureTransport" = "false" } }
        },
        {
          "Sid"       = "DenyOtherEncryptionKind",
          "Effect"    = "Deny",
          "Principal" = "*",
          "Action"    = ["s3:PutObject"],
          "Resource" = [
            "arn:${data.aws_partition.current.partition}:s3:::${aws_s3_bucket.this.bucket}/*"
          ],
          "Condition" = {
            "StringNotEquals" = { "s3:x-amz-server-side-encryption" = "${local.sse_algorithm}" },
            "Null"            = { "s3:x-amz-server-side-encryption" = "false" }
          }
        },
        {
          "Sid"       = "DenyCustomerProvidedKeys",
          "Effect"    = "Deny",
          "Principal" = "*",
          "Action"    = ["s3:PutObject"],
          "Resource" = [
            "arn:${data.aws_partition.current.partition}:s3:::${aws_s3_bucket.this.bucket}/*"
          ],
          "Condition" = { "Null" = { "s3:x-amz-server-side-encryption-customer-algorithm" = "false" } }
        }
      ],
      one(aws_kms_key.this[*].arn) != null ? [{
        "Sid"       = "DenyOtherKmsKey",
        "Effect"    = "Deny",
        "Principal" = "*",
        "Action"    = ["s3:PutObject"],
        "Resource" = [
          "arn:${data.aws_partition.current.partition}:s3:::${aws_s3_bucket.this.bucket}/*"
        ],
        "Condition" = {
          "StringNotEquals" = {
            "s3:x-amz-server-side-encryption-aws-kms-key-id" = "${one(aws_kms_key.this[*].arn)}"
          },
          "Null" = { "s3:x-amz-server-side-encryption-aws-kms-key-id" = "false" }
        }
      }] : [],
      one(aws_kms_key.this[*].arn) != null ? [{
        "Sid"       = "DenyKmsWithoutStateKey",
        "Effect"    = "Deny",
        "Principal" = "*",
        "Action"    = ["s3:PutObject"],
        "Resource" = [
          "arn:${data.aws_partition.current.partition}:s3:::${aws_s3_bucket.this.bucket}/*"
        ],
        "Condition" = {
          "StringEquals" = { "s3:x-amz-server-side-encryption" = "aws:kms" },
          "Null"         = { "s3:x-amz-server-side-encryption-aws-kms-key-id" = "true" }
        }
      }] : []
    )
  })
  depends_on = [aws_s3_bucket_public_access_block.this]
}

resource "aws_s3_bucket_lifecycle_configuration" "this" {
  bucket = aws_s3_bucket.this.id
  rule {
    id     = "expire-noncurrent-versions"
    status = "Enabled"
    abort_incomplete_multipart_upload {
      days_after_initiation = 7
    }
    expiration {
      expired_object_delete_marker = true
    }
    filter {
    }
    noncurrent_version_expiration {
      noncurrent_days = var.noncurrent_version_expiration_days
    }
  }
  depends_on = [aws_s3_bucket_versioning.this]
}

resource "aws_dynamodb_table" "this" {
  billing_mode                = "PAY_PER_REQUEST"
  deletion_protection_enabled = true
  hash_key                    = "LockID"
  name                        = coalesce(var.lock_table_name, "${var.bucket_name}-locks")
  tags                        = merge(var.tags, var.environment_name == null ? {} : { Environment = var.environment_name })
  attribute {
    name = "LockID"
    type = "S"
  }
  point_in_time_recovery {
    enabled = true
  }
  server_side_encryption {
    enabled     = true
    kms_key_arn = one(aws_kms_key.this[*].arn)
  }
  count = local.lock_table_enabled ? 1 : 0
  lifecycle {
    prevent_destroy = true
  }
}

resource "aws_s3_bucket_logging" "this" {
  bucket        = aws_s3_bucket.this.id
  target_bucket = var.access_log_bucket_name
  target_prefix = "${aws_s3_bucket.this.bucket}/"
  count         = var.access_log_bucket_name != null ? 1 : 0
}
