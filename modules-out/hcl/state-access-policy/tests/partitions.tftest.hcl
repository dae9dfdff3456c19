# Offline: every ARN and kms:ViaService follow var.partition; a mismatched ARN is refused.
variables {
  bucket_name      = "tz-state-123456789012-cn-north-1"
  state_key_prefix = "tz/v1/"
}

run "china_arns_and_s3_endpoint_suffix" {
  command = plan
  variables {
    partition      = "aws-cn"
    kms_key_arn    = "arn:aws-cn:kms:cn-north-1:123456789012:key/1234abcd-12ab-44cd-a6ef-1234567890ab"
    lock_table_arn = "arn:aws-cn:dynamodb:cn-north-1:123456789012:table/tz-state-locks"
  }

  assert {
    condition = one([
      for s in jsondecode(output.runtime_policy_json).Statement : s if s.Sid == "ReadWriteStateObjectsOnly"
    ]).Resource == ["arn:aws-cn:s3:::tz-state-123456789012-cn-north-1/tz/v1/*"]
    error_message = "In aws-cn, state objects are arn:aws-cn:s3:::<bucket>/<prefix>*."
  }
  assert {
    condition = one([
      for s in jsondecode(output.runtime_policy_json).Statement : s if s.Sid == "UseStateKeyThroughS3Only"
    ]).Condition.StringLike["kms:ViaService"] == ["s3.*.amazonaws.com.cn"]
    error_message = "In aws-cn, S3's endpoints (kms:ViaService) end in amazonaws.com.cn."
  }
}

run "govcloud_arns" {
  command = plan
  variables {
    bucket_name = "tz-state-123456789012-us-gov-west-1"
    partition   = "aws-us-gov"
    kms_key_arn = "arn:aws-us-gov:kms:us-gov-west-1:123456789012:key/1234abcd-12ab-44cd-a6ef-1234567890ab"
  }

  assert {
    condition = one([
      for s in jsondecode(output.read_only_policy_json).Statement : s if s.Sid == "ListStatePrefixOnly"
    ]).Resource == ["arn:aws-us-gov:s3:::tz-state-123456789012-us-gov-west-1"]
    error_message = "In aws-us-gov, the bucket is arn:aws-us-gov:s3:::<bucket>."
  }
  assert {
    condition = one([
      for s in jsondecode(output.read_only_policy_json).Statement : s if s.Sid == "DecryptStateThroughS3Only"
    ]).Condition.StringLike["kms:ViaService"] == ["s3.*.amazonaws.com"]
    error_message = "In aws-us-gov, S3's endpoints (kms:ViaService) end in amazonaws.com."
  }
}

run "refuses_a_key_of_another_partition" {
  command = plan
  variables {
    partition   = "aws-cn"
    kms_key_arn = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-44cd-a6ef-1234567890ab"
  }
  expect_failures = [var.kms_key_arn]
}

run "refuses_a_table_in_a_region_outside_the_partition" {
  command = plan
  variables {
    partition      = "aws-us-gov"
    lock_table_arn = "arn:aws-us-gov:dynamodb:eu-west-1:123456789012:table/tz-state-locks"
  }
  expect_failures = [var.lock_table_arn]
}

run "refuses_an_unknown_partition" {
  command = plan
  variables {
    partition = "aws-iso"
  }
  expect_failures = [var.partition]
}
