# Offline: this module needs no provider. Run: terraform init && terraform test
variables {
  bucket_name      = "tz-state-123456789012-eu-west-1"
  state_key_prefix = "tz/v1/"
  kms_key_arn      = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-44cd-a6ef-1234567890ab"
}

run "runtime_policy_lists_and_writes_only_under_the_prefix" {
  command = plan

  assert {
    condition = one([
      for s in jsondecode(output.runtime_policy_json).Statement : s if s.Sid == "ListStatePrefixOnly"
    ]).Condition.StringLike["s3:prefix"] == ["tz/v1/*"]
    error_message = "Listing must be limited to keys under tz/v1/."
  }
  assert {
    condition = one([
      for s in jsondecode(output.runtime_policy_json).Statement : s if s.Sid == "ReadWriteStateObjectsOnly"
    ]).Resource == ["arn:aws:s3:::tz-state-123456789012-eu-west-1/tz/v1/*"]
    error_message = "State objects may be read and written under tz/v1/ only."
  }
  assert {
    condition = alltrue([
      for s in jsondecode(output.runtime_policy_json).Statement :
      !contains(s.Action, "s3:DeleteObject") || alltrue([for r in s.Resource : endswith(r, ".tflock")])
    ])
    error_message = "Only lock files may be deleted, never state."
  }
  assert {
    condition     = !contains(flatten([for s in jsondecode(output.runtime_policy_json).Statement : s.Resource]), "*")
    error_message = "No statement may apply to every resource."
  }
  assert {
    condition = one([
      for s in jsondecode(output.runtime_policy_json).Statement : s if s.Sid == "UseStateKeyThroughS3Only"
    ]).Condition.StringLike["kms:ViaService"] == ["s3.*.amazonaws.com"]
    error_message = "The key may be used only by S3 on the caller's behalf."
  }
}

run "read_only_policy_writes_nothing_but_free_lock_files" {
  command = plan

  assert {
    condition = alltrue([
      for s in jsondecode(output.read_only_policy_json).Statement :
      !contains(s.Action, "s3:PutObject") || (
        alltrue([for r in s.Resource : endswith(r, ".tflock")])
        && try(s.Condition.StringEquals["s3:if-none-match"], "") == "*"
      )
    ])
    error_message = "Plan may create lock files only (with If-None-Match: *), never write state."
  }
}

run "sse_s3_state_grants_no_kms" {
  command = plan
  variables {
    kms_key_arn = null
  }

  assert {
    condition = length([
      for a in flatten([for s in jsondecode(output.runtime_policy_json).Statement : s.Action]) : a if startswith(a, "kms:")
    ]) == 0
    error_message = "Without kms_key_arn no KMS action may be granted."
  }
}

run "lock_table_items_but_never_digest_deletes" {
  command = plan
  variables {
    lock_table_arn = "arn:aws:dynamodb:eu-west-1:123456789012:table/tz-state-locks"
  }

  assert {
    condition = one([
      for s in jsondecode(output.runtime_policy_json).Statement : s if s.Sid == "ReleaseLockItemsOnly"
      ]).Condition["ForAllValues:StringNotLike"]["dynamodb:LeadingKeys"] == [
      "tz-state-123456789012-eu-west-1/tz/v1/*-md5"
    ]
    error_message = "Releasing a lock item must never delete a state digest."
  }
}
