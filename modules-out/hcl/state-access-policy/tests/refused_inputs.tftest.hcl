# Offline: inputs the module refuses at plan time, with a message naming the rule.
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
