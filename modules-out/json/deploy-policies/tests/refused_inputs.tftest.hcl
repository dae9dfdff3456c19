# Offline: inputs the module refuses at plan time, with a message naming the rule.
variables {
  environment_name = "tz"
  account_id       = "123456789012"
  region           = "eu-west-1"
}

run "refuses_an_environment_name_with_upper_case" {
  command = plan
  variables {
    environment_name = "Tz_Prod"
  }
  expect_failures = [var.environment_name]
}

run "refuses_a_short_account_id" {
  command = plan
  variables {
    account_id = "12345"
  }
  expect_failures = [var.account_id]
}

run "refuses_a_region_that_is_not_one" {
  command = plan
  variables {
    region = "mars-1"
  }
  expect_failures = [var.region]
}
