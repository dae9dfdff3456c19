output "runtime_policy_json" {
  value = jsonencode({
    "Version" = "2012-10-17",
    "Statement" = concat(
      [{
        "Sid"       = "ListStatePrefixOnly",
        "Effect"    = "Allow",
        "Action"    = ["s3:ListBucket"],
        "Resource"  = ["arn:aws:s3:::${var.bucket_name}"],
        "Condition" = { "StringLike" = { "s3:prefix" = ["${var.state_key_prefix}*"] } }
      }],
      var.list_bucket_without_prefix ? [{
        "Sid"      = "ListBucketForMissingKeys",
        "Effect"   = "Allow",
        "Action"   = ["s3:ListBucket"],
        "Resource" = ["arn:aws:s3:::${var.bucket_name}"]
      }] : [],
      [{
        "Sid"      = "ReadWriteStateObjectsOnly",
        "Effect"   = "Allow",
        "Action"   = ["s3:GetObject", "s3:PutObject"],
        "Resource" = ["arn:aws:s3:::${var.bucket_name}/${var.state_key_prefix}*"]
      }],
      var.use_lockfile ? [{
        "Sid"      = "ReleaseLockFilesOnly",
        "Effect"   = "Allow",
        "Action"   = ["s3:DeleteObject"],
        "Resource" = ["arn:aws:s3:::${var.bucket_name}/${var.state_key_prefix}*.tflock"]
      }] : [],
      var.lock_table_arn != null ? [{
        "Sid"      = "LockAndDigestItemsUnderPrefixOnly",
        "Effect"   = "Allow",
        "Action"   = ["dynamodb:GetItem", "dynamodb:PutItem"],
        "Resource" = ["${var.lock_table_arn}"],
        "Condition" = {
          "ForAllValues:StringLike" = {
            "dynamodb:LeadingKeys" = ["${var.bucket_name}/${var.state_key_prefix}*"]
          }
        }
      }] : [],
      var.lock_table_arn != null ? [{
        "Sid"      = "ReleaseLockItemsOnly",
        "Effect"   = "Allow",
        "Action"   = ["dynamodb:DeleteItem"],
        "Resource" = ["${var.lock_table_arn}"],
        "Condition" = {
          "ForAllValues:StringLike" = {
            "dynamodb:LeadingKeys" = ["${var.bucket_name}/${var.state_key_prefix}*"]
          },
          "ForAllValues:StringNotLike" = {
            "dynamodb:LeadingKeys" = ["${var.bucket_name}/${var.state_key_prefix}*-md5"]
          }
        }
      }] : [],
      var.kms_key_arn != null ? [{
        "Sid"       = "UseStateKeyThroughS3Only",
        "Effect"    = "Allow",
        "Action"    = ["kms:Decrypt", "kms:GenerateDataKey"],
        "Resource"  = ["${var.kms_key_arn}"],
        "Condition" = { "StringLike" = { "kms:ViaService" = ["s3.*.amazonaws.com"] } }
      }] : []
    )
  })
  description = "IAM policy JSON for apply: read/write state under the prefix, take and release locks, use the key through S3."
}

output "read_only_policy_json" {
  value = jsonencode({
    "Version" = "2012-10-17",
    "Statement" = concat(
      [{
        "Sid"       = "ListStatePrefixOnly",
        "Effect"    = "Allow",
        "Action"    = ["s3:ListBucket"],
        "Resource"  = ["arn:aws:s3:::${var.bucket_name}"],
        "Condition" = { "StringLike" = { "s3:prefix" = ["${var.state_key_prefix}*"] } }
      }],
      var.list_bucket_without_prefix ? [{
        "Sid"      = "ListBucketForMissingKeys",
        "Effect"   = "Allow",
        "Action"   = ["s3:ListBucket"],
        "Resource" = ["arn:aws:s3:::${var.bucket_name}"]
      }] : [],
      [{
        "Sid"      = "ReadStateObjectsOnly",
        "Effect"   = "Allow",
        "Action"   = ["s3:GetObject"],
        "Resource" = ["arn:aws:s3:::${var.bucket_name}/${var.state_key_prefix}*"]
      }],
      var.use_lockfile ? [{
        "Sid"       = "TakeFreeLockFilesOnly",
        "Effect"    = "Allow",
        "Action"    = ["s3:PutObject"],
        "Resource"  = ["arn:aws:s3:::${var.bucket_name}/${var.state_key_prefix}*.tflock"],
        "Condition" = { "StringEquals" = { "s3:if-none-match" = "*" } }
      }] : [],
      var.use_lockfile ? [{
        "Sid"      = "ReleaseLockFilesOnly",
        "Effect"   = "Allow",
        "Action"   = ["s3:DeleteObject"],
        "Resource" = ["arn:aws:s3:::${var.bucket_name}/${var.state_key_prefix}*.tflock"]
      }] : [],
      var.lock_table_arn != null ? [{
        "Sid"      = "ReadLockAndDigestItemsUnderPrefixOnly",
        "Effect"   = "Allow",
        "Action"   = ["dynamodb:GetItem"],
        "Resource" = ["${var.lock_table_arn}"],
        "Condition" = {
          "ForAllValues:StringLike" = {
            "dynamodb:LeadingKeys" = ["${var.bucket_name}/${var.state_key_prefix}*"]
          }
        }
      }] : [],
      var.lock_table_arn != null ? [{
        "Sid"      = "TakeLockItemsOnly",
        "Effect"   = "Allow",
        "Action"   = ["dynamodb:PutItem"],
        "Resource" = ["${var.lock_table_arn}"],
        "Condition" = {
          "ForAllValues:StringLike" = {
            "dynamodb:LeadingKeys" = ["${var.bucket_name}/${var.state_key_prefix}*"]
          },
          "ForAllValues:StringNotLike" = {
            "dynamodb:LeadingKeys" = ["${var.bucket_name}/${var.state_key_prefix}*-md5"]
          }
        }
      }] : [],
      var.lock_table_arn != null ? [{
        "Sid"      = "ReleaseLockItemsOnly",
        "Effect"   = "Allow",
        "Action"   = ["dynamodb:DeleteItem"],
        "Resource" = ["${var.lock_table_arn}"],
        "Condition" = {
          "ForAllValues:StringLike" = {
            "dynamodb:LeadingKeys" = ["${var.bucket_name}/${var.state_key_prefix}*"]
          },
          "ForAllValues:StringNotLike" = {
            "dynamodb:LeadingKeys" = ["${var.bucket_name}/${var.state_key_prefix}*-md5"]
          }
        }
      }] : [],
      var.kms_key_arn != null ? [{
        "Sid"       = "DecryptStateThroughS3Only",
        "Effect"    = "Allow",
        "Action"    = ["kms:Decrypt"],
        "Resource"  = ["${var.kms_key_arn}"],
        "Condition" = { "StringLike" = { "kms:ViaService" = ["s3.*.amazonaws.com"] } }
      }] : [],
      var.kms_key_arn != null && var.use_lockfile ? [{
        "Sid"       = "EncryptLockFilesThroughS3Only",
        "Effect"    = "Allow",
        "Action"    = ["kms:GenerateDataKey"],
        "Resource"  = ["${var.kms_key_arn}"],
        "Condition" = { "StringLike" = { "kms:ViaService" = ["s3.*.amazonaws.com"] } }
      }] : []
    )
  })
  description = "IAM policy JSON for plan: read state under the prefix and take/release locks; no state writes."
}
