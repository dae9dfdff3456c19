# Offline: every ARN follows var.partition, which must be the region's.
variables {
  environment_name = "tz"
  account_id       = "123456789012"
}

run "china_arns_and_endpoint_suffix" {
  command = plan
  variables {
    region    = "cn-north-1"
    partition = "aws-cn"
  }

  assert {
    condition = alltrue([
      for r in flatten([
        for policy in output.aws_least_privileged_policies : [for s in jsondecode(policy).Statement : s.Resource]
      ]) : r == "*" || startswith(r, "arn:aws-cn:")
    ])
    error_message = "In aws-cn, every ARN starts with arn:aws-cn:."
  }
  assert {
    condition = contains(flatten([
      for s in jsondecode(output.state_backend_deploy_policy_json).Statement :
      try(s.Condition.StringEquals["kms:ViaService"], [])
    ]), "dynamodb.cn-north-1.amazonaws.com.cn")
    error_message = "In aws-cn, DynamoDB's endpoint (kms:ViaService) ends in amazonaws.com.cn."
  }
}

run "govcloud_arns" {
  command = plan
  variables {
    region    = "us-gov-west-1"
    partition = "aws-us-gov"
  }

  assert {
    condition = alltrue([
      for r in flatten([
        for policy in output.aws_least_privileged_policies : [for s in jsondecode(policy).Statement : s.Resource]
      ]) : r == "*" || startswith(r, "arn:aws-us-gov:")
    ])
    error_message = "In aws-us-gov, every ARN starts with arn:aws-us-gov:."
  }
}

run "refuses_a_region_of_another_partition" {
  command = plan
  variables {
    region    = "eu-west-1"
    partition = "aws-cn"
  }
  expect_failures = [var.partition]
}

run "refuses_an_unknown_partition" {
  command = plan
  variables {
    region    = "eu-west-1"
    partition = "aws-iso"
  }
  expect_failures = [var.partition]
}
