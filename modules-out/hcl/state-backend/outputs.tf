output "bucket_name" {
  value       = aws_s3_bucket.this.bucket
  description = "Name of the state bucket."
}

output "bucket_arn" {
  value       = aws_s3_bucket.this.arn
  description = "ARN of the state bucket."
}

output "kms_key_arn" {
  value       = one(aws_kms_key.this[*].arn)
  description = "ARN of the state KMS key; null when encryption is \"sse-s3\"."
}

output "kms_key_id" {
  value       = one(aws_kms_key.this[*].key_id)
  description = "Id of the state KMS key; null when encryption is \"sse-s3\"."
}

output "lock_table_name" {
  value       = one(aws_dynamodb_table.this[*].name)
  description = "Name of the DynamoDB lock table; null when lock_mode is \"lockfile\"."
}

output "lock_table_arn" {
  value       = one(aws_dynamodb_table.this[*].arn)
  description = "ARN of the DynamoDB lock table; null when lock_mode is \"lockfile\"."
}

output "backend_config" {
  value = (
    local.kms_enabled
    ? (
      local.use_lockfile
      ? (
        local.lock_table_enabled
        ? join("\n", [
          "terraform {",
          "  backend \"s3\" {",
          "    bucket               = \"${aws_s3_bucket.this.bucket}\"",
          "    key                  = \"${var.state_key_prefix}CHANGE-ME/terraform.tfstate\"",
          "    workspace_key_prefix = \"${var.state_key_prefix}env\"",
          "    region               = \"${data.aws_region.current.id}\"",
          "    encrypt              = true",
          "    kms_key_id           = \"${one(aws_kms_key.this[*].arn)}\"",
          "    use_lockfile         = true",
          "    dynamodb_table       = \"${one(aws_dynamodb_table.this[*].name)}\"",
          "  }",
          "}",
          ""
        ])
        : join("\n", [
          "terraform {",
          "  backend \"s3\" {",
          "    bucket               = \"${aws_s3_bucket.this.bucket}\"",
          "    key                  = \"${var.state_key_prefix}CHANGE-ME/terraform.tfstate\"",
          "    workspace_key_prefix = \"${var.state_key_prefix}env\"",
          "    region               = \"${data.aws_region.current.id}\"",
          "    encrypt              = true",
          "    kms_key_id           = \"${one(aws_kms_key.this[*].arn)}\"",
          "    use_lockfile         = true",
          "  }",
          "}",
          ""
        ])
      )
      : join("\n", [
        "terraform {",
        "  backend \"s3\" {",
        "    bucket               = \"${aws_s3_bucket.this.bucket}\"",
        "    key                  = \"${var.state_key_prefix}CHANGE-ME/terraform.tfstate\"",
        "    workspace_key_prefix = \"${var.state_key_prefix}env\"",
        "    region               = \"${data.aws_region.current.id}\"",
        "    encrypt              = true",
        "    kms_key_id           = \"${one(aws_kms_key.this[*].arn)}\"",
        "    dynamodb_table       = \"${one(aws_dynamodb_table.this[*].name)}\"",
        "  }",
        "}",
        ""
      ])
    )
    : (
      local.use_lockfile
      ? (
        local.lock_table_enabled
        ? join("\n", [
          "terraform {",
          "  backend \"s3\" {",
          "    bucket               = \"${aws_s3_bucket.this.bucket}\"",
          "    key                  = \"${var.state_key_prefix}CHANGE-ME/terraform.tfstate\"",
          "    workspace_key_prefix = \"${var.state_key_prefix}env\"",
          "    region               = \"${data.aws_region.current.id}\"",
          "    encrypt              = true",
          "    use_lockfile         = true",
          "    dynamodb_table       = \"${one(aws_dynamodb_table.this[*].name)}\"",
          "  }",
          "}",
          ""
        ])
        : join("\n", [
          "terraform {",
          "  backend \"s3\" {",
          "    bucket               = \"${aws_s3_bucket.this.bucket}\"",
          "    key                  = \"${var.state_key_prefix}CHANGE-ME/terraform.tfstate\"",
          "    workspace_key_prefix = \"${var.state_key_prefix}env\"",
          "    region               = \"${data.aws_region.current.id}\"",
          "    encrypt              = true",
          "    use_lockfile         = true",
          "  }",
          "}",
          ""
        ])
      )
      : join("\n", [
        "terraform {",
        "  backend \"s3\" {",
        "    bucket               = \"${aws_s3_bucket.this.bucket}\"",
        "    key                  = \"${var.state_key_prefix}CHANGE-ME/terraform.tfstate\"",
        "    workspace_key_prefix = \"${var.state_key_prefix}env\"",
        "    region               = \"${data.aws_region.current.id}\"",
        "    encrypt              = true",
        "    dynamodb_table       = \"${one(aws_dynamodb_table.this[*].name)}\"",
        "  }",
        "}",
        ""
      ])
    )
  )
  description = "A terraform { backend \"s3\" { ... } } block for this backend, in terraform fmt layout."
}

output "runtime_policy_json" {
  value = jsonencode({
    "Version" = "2012-10-17",
    "Statement" = concat(
      [
        {
          "Sid"    = "ListStatePrefixOnly",
          "Effect" = "Allow",
          "Action" = ["s3:ListBucket"],
          "Resource" = [
            "arn:${data.aws_partition.current.partition}:s3:::${aws_s3_bucket.this.bucket}"
          ],
          "Condition" = { "StringLike" = { "s3:prefix" = ["${var.state_key_prefix}*"] } }
        },
        {
          "Sid"    = "ReadWriteStateObjectsOnly",
          "Effect" = "Allow",
          "Action" = ["s3:GetObject", "s3:PutObject"],
          "Resource" = [
            "arn:${data.aws_partition.current.partition}:s3:::${aws_s3_bucket.this.bucket}/${var.state_key_prefix}*"
          ]
        }
      ],
      local.use_lockfile ? [{
        "Sid"    = "ReleaseLockFilesOnly",
        "Effect" = "Allow",
        "Action" = ["s3:DeleteObject"],
        "Resource" = [
          "arn:${data.aws_partition.current.partition}:s3:::${aws_s3_bucket.this.bucket}/${var.state_key_prefix}*.tflock"
        ]
      }] : [],
      one(aws_dynamodb_table.this[*].arn) != null ? [{
        "Sid"      = "LockAndDigestItemsUnderPrefixOnly",
        "Effect"   = "Allow",
        "Action"   = ["dynamodb:GetItem", "dynamodb:PutItem"],
        "Resource" = ["${one(aws_dynamodb_table.this[*].arn)}"],
        "Condition" = {
          "ForAllValues:StringLike" = {
            "dynamodb:LeadingKeys" = ["${aws_s3_bucket.this.bucket}/${var.state_key_prefix}*"]
          }
        }
      }] : [],
      one(aws_dynamodb_table.this[*].arn) != null ? [{
        "Sid"      = "ReleaseLockItemsOnly",
        "Effect"   = "Allow",
        "Action"   = ["dynamodb:DeleteItem"],
        "Resource" = ["${one(aws_dynamodb_table.this[*].arn)}"],
        "Condition" = {
          "ForAllValues:StringLike" = {
            "dynamodb:LeadingKeys" = ["${aws_s3_bucket.this.bucket}/${var.state_key_prefix}*"]
          },
          "ForAllValues:StringNotLike" = {
            "dynamodb:LeadingKeys" = ["${aws_s3_bucket.this.bucket}/${var.state_key_prefix}*-md5"]
          }
        }
      }] : [],
      one(aws_kms_key.this[*].arn) != null ? [{
        "Sid"      = "UseStateKeyThroughS3Only",
        "Effect"   = "Allow",
        "Action"   = ["kms:Decrypt", "kms:GenerateDataKey"],
        "Resource" = ["${one(aws_kms_key.this[*].arn)}"],
        "Condition" = {
          "StringLike" = { "kms:ViaService" = ["s3.*.${data.aws_partition.current.dns_suffix}"] }
        }
      }] : []
    )
  })
  description = "Least-privilege identity policy (JSON) for plan/apply against state under state_key_prefix."
}
