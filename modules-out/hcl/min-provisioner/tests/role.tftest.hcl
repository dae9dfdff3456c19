# Needs the hashicorp/aws provider (downloaded by terraform init), not an AWS account:
# the provider is mocked. Run: terraform init && terraform test
mock_provider "aws" {
  mock_data "aws_caller_identity" {
    defaults = {
      account_id = "123456789012"
    }
  }
  mock_data "aws_region" {
    defaults = {
      id = "eu-west-1"
    }
  }
  mock_data "aws_partition" {
    defaults = {
      partition  = "aws"
      dns_suffix = "amazonaws.com"
    }
  }
}

variables {
  environment_name       = "tz"
  trusted_principal_arns = ["arn:aws:iam::123456789012:role/platform-ci"]
}

run "role_trusts_only_the_named_principals" {
  command = plan

  assert {
    condition     = aws_iam_role.this.name == "tz-MinProvisioner"
    error_message = "The role is <environment_name>-<role_name>."
  }
  assert {
    condition = jsondecode(aws_iam_role.this.assume_role_policy).Statement[0].Principal.AWS == [
      "arn:aws:iam::123456789012:role/platform-ci"
    ]
    error_message = "Only the trusted principals may assume the role."
  }
  assert {
    condition     = !contains([for policy in concat(aws_iam_policy.state_backend_1, aws_iam_policy.aurora_cluster_1, aws_iam_policy.aurora_cluster_2, aws_iam_policy.ecs_compute_1, aws_iam_policy.ecs_compute_2, aws_iam_policy.min_provisioner_1) : policy.tags["Environment"]], "")
    error_message = "Every policy is tagged with its environment."
  }
}

run "refuses_the_self_escalating_profile_without_a_boundary" {
  command = plan
  variables {
    deploy_profiles = ["min_provisioner"]
  }
  expect_failures = [var.deploy_profiles]
}

run "refuses_a_principal_of_another_partition" {
  command = plan
  variables {
    trusted_principal_arns = ["arn:aws-cn:iam::123456789012:role/platform-ci"]
  }
  expect_failures = [aws_iam_role.this]
}

run "refuses_a_wildcard_principal" {
  command = plan
  variables {
    trusted_principal_arns = ["arn:aws:iam::*:root"]
  }
  expect_failures = [var.trusted_principal_arns]
}
