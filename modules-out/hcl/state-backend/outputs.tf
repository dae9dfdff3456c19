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
  value       = local.kms_enabled ? (local.use_lockfile ? (local.lock_table_enabled ? "terraform {\n  backend \"s3\" {\n    bucket               = \"${aws_s3_bucket.this.bucket}\"\n    key                  = \"${var.state_key_prefix}CHANGE-ME/terraform.tfstate\"\n    workspace_key_prefix = \"${var.state_key_prefix}env\"\n    region               = \"${data.aws_region.current.region}\"\n    encrypt              = true\n    kms_key_id           = \"${one(aws_kms_key.this[*].arn)}\"\n    use_lockfile         = true\n    dynamodb_table       = \"${one(aws_dynamodb_table.this[*].name)}\"\n  }\n}\n" : "terraform {\n  backend \"s3\" {\n    bucket               = \"${aws_s3_bucket.this.bucket}\"\n    key                  = \"${var.state_key_prefix}CHANGE-ME/terraform.tfstate\"\n    workspace_key_prefix = \"${var.state_key_prefix}env\"\n    region               = \"${data.aws_region.current.region}\"\n    encrypt              = true\n    kms_key_id           = \"${one(aws_kms_key.this[*].arn)}\"\n    use_lockfile         = true\n  }\n}\n") : "terraform {\n  backend \"s3\" {\n    bucket               = \"${aws_s3_bucket.this.bucket}\"\n    key                  = \"${var.state_key_prefix}CHANGE-ME/terraform.tfstate\"\n    workspace_key_prefix = \"${var.state_key_prefix}env\"\n    region               = \"${data.aws_region.current.region}\"\n    encrypt              = true\n    kms_key_id           = \"${one(aws_kms_key.this[*].arn)}\"\n    dynamodb_table       = \"${one(aws_dynamodb_table.this[*].name)}\"\n  }\n}\n") : (local.use_lockfile ? (local.lock_table_enabled ? "terraform {\n  backend \"s3\" {\n    bucket               = \"${aws_s3_bucket.this.bucket}\"\n    key                  = \"${var.state_key_prefix}CHANGE-ME/terraform.tfstate\"\n    workspace_key_prefix = \"${var.state_key_prefix}env\"\n    region               = \"${data.aws_region.current.region}\"\n    encrypt              = true\n    use_lockfile         = true\n    dynamodb_table       = \"${one(aws_dynamodb_table.this[*].name)}\"\n  }\n}\n" : "terraform {\n  backend \"s3\" {\n    bucket               = \"${aws_s3_bucket.this.bucket}\"\n    key                  = \"${var.state_key_prefix}CHANGE-ME/terraform.tfstate\"\n    workspace_key_prefix = \"${var.state_key_prefix}env\"\n    region               = \"${data.aws_region.current.region}\"\n    encrypt              = true\n    use_lockfile         = true\n  }\n}\n") : "terraform {\n  backend \"s3\" {\n    bucket               = \"${aws_s3_bucket.this.bucket}\"\n    key                  = \"${var.state_key_prefix}CHANGE-ME/terraform.tfstate\"\n    workspace_key_prefix = \"${var.state_key_prefix}env\"\n    region               = \"${data.aws_region.current.region}\"\n    encrypt              = true\n    dynamodb_table       = \"${one(aws_dynamodb_table.this[*].name)}\"\n  }\n}\n")
  description = "A terraform { backend \"s3\" { ... } } block for this backend, in terraform fmt layout."
}

output "runtime_policy_json" {
  value       = jsonencode({ "Version" = "2012-10-17", "Statement" = concat([{ "Sid" = "ListStatePrefixOnly", "Effect" = "Allow", "Action" = ["s3:ListBucket"], "Resource" = ["arn:aws:s3:::${aws_s3_bucket.this.bucket}"], "Condition" = { "StringLike" = { "s3:prefix" = ["${var.state_key_prefix}*"] } } }, { "Sid" = "ReadWriteStateObjectsOnly", "Effect" = "Allow", "Action" = ["s3:GetObject", "s3:PutObject"], "Resource" = ["arn:aws:s3:::${aws_s3_bucket.this.bucket}/${var.state_key_prefix}*"] }], local.use_lockfile ? [{ "Sid" = "ReleaseLockFilesOnly", "Effect" = "Allow", "Action" = ["s3:DeleteObject"], "Resource" = ["arn:aws:s3:::${aws_s3_bucket.this.bucket}/${var.state_key_prefix}*.tflock"] }] : [], one(aws_dynamodb_table.this[*].arn) != null ? [{ "Sid" = "DescribeLockTable", "Effect" = "Allow", "Action" = ["dynamodb:DescribeTable"], "Resource" = ["${one(aws_dynamodb_table.this[*].arn)}"] }] : [], one(aws_dynamodb_table.this[*].arn) != null ? [{ "Sid" = "LockAndDigestItemsUnderPrefixOnly", "Effect" = "Allow", "Action" = ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:DeleteItem"], "Resource" = ["${one(aws_dynamodb_table.this[*].arn)}"], "Condition" = { "ForAllValues:StringLike" = { "dynamodb:LeadingKeys" = ["${aws_s3_bucket.this.bucket}/${var.state_key_prefix}*"] } } }] : [], one(aws_kms_key.this[*].arn) != null ? [{ "Sid" = "UseStateKeyThroughS3Only", "Effect" = "Allow", "Action" = ["kms:Decrypt", "kms:GenerateDataKey"], "Resource" = ["${one(aws_kms_key.this[*].arn)}"], "Condition" = { "StringLike" = { "kms:ViaService" = ["s3.*.amazonaws.com"] } } }] : []) })
  description = "Least-privilege identity policy (JSON) for plan/apply against state under state_key_prefix."
}
