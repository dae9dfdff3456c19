/**
 * `terraform test` files shipped in the state-access-policy module (offline: no provider). The
 * expectations are literal ARNs a reader can check, not values computed by the code under test.
 */
const POLICIES = String.raw`# Offline: this module needs no provider. Run: terraform init && terraform test
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
`;

const REFUSED = String.raw`# Offline: inputs the module refuses at plan time, with a message naming the rule.
variables {
  bucket_name      = "tz-state-123456789012-eu-west-1"
  state_key_prefix = "tz/v1/"
}

run "refuses_a_wildcard_bucket" {
  command = plan
  variables {
    bucket_name = "*"
  }
  expect_failures = [var.bucket_name]
}

run "refuses_a_prefix_with_a_leading_slash" {
  command = plan
  variables {
    state_key_prefix = "/tz/v1/"
  }
  expect_failures = [var.state_key_prefix]
}

run "refuses_a_key_id_terraforms_backend_refuses" {
  command = plan
  variables {
    kms_key_arn = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  }
  expect_failures = [var.kms_key_arn]
}

run "refuses_a_key_alias" {
  command = plan
  variables {
    kms_key_arn = "arn:aws:kms:eu-west-1:123456789012:alias/state"
  }
  expect_failures = [var.kms_key_arn]
}
`;

export const STATE_ACCESS_POLICY_TESTS: Readonly<Record<string, string>> = {
  "policies.tftest.hcl": POLICIES,
  "refused_inputs.tftest.hcl": REFUSED,
};

export const STATE_ACCESS_POLICY_TESTS_DOC = [
  "## Tests",
  "",
  "`tests/` holds `terraform test` files that run offline (`terraform init && terraform test` in this",
  "folder): `policies.tftest.hcl` checks that the runtime policy lists and writes only under the prefix,",
  "deletes only lock files, never applies to `*` and uses the key only through S3; that the read-only",
  "policy creates nothing but free lock files; that SSE-S3 state grants no KMS action; and that lock-item",
  "deletes never reach state digests. `refused_inputs.tftest.hcl` checks that a wildcard bucket, a",
  "leading `/` in the prefix, a KMS key id Terraform's S3 backend refuses and a key alias are refused.",
].join("\n");
