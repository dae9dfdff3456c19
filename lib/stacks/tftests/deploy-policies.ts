/**
 * `terraform test` files shipped in the deploy-policies module (offline: no provider). Expectations
 * are facts a reader can check: the account every ARN names, AWS's 6,144-character limit.
 */
const POLICIES = String.raw`# Offline: this module needs no provider. Run: terraform init && terraform test
variables {
  environment_name = "tz"
  account_id       = "123456789012"
  region           = "eu-west-1"
}

run "every_arn_names_this_account_or_none" {
  command = plan

  assert {
    condition = alltrue([
      for r in flatten([
        for policy in [
          output.state_backend_deploy_policy_json,
          output.aurora_cluster_deploy_policy_json,
          output.ecs_compute_deploy_policy_json,
          output.min_provisioner_deploy_policy_json,
        ] : [for s in jsondecode(policy).Statement : s.Resource]
      ]) :
      r == "*" || startswith(r, "arn:aws:s3:::") || startswith(r, "arn:aws:iam::aws:policy/")
      || strcontains(r, ":123456789012:")
    ])
    error_message = "A deploy policy names another account (or every account)."
  }
}

run "the_split_union_fits_and_loses_nothing" {
  command = plan

  assert {
    condition     = alltrue([for p in output.aws_least_privileged_policies : length(replace(p, "/\\s/", "")) <= 6144])
    error_message = "Each part must fit AWS's 6,144-character managed-policy limit."
  }
  assert {
    condition = toset(flatten([
      for p in output.aws_least_privileged_policies : [for s in jsondecode(p).Statement : s.Action]
      ])) == toset(flatten([
      for policy in [
        output.state_backend_deploy_policy_json,
        output.aurora_cluster_deploy_policy_json,
        output.ecs_compute_deploy_policy_json,
        output.min_provisioner_deploy_policy_json,
      ] : [for s in jsondecode(policy).Statement : s.Action]
    ]))
    error_message = "The split union must grant exactly the actions of the four profiles."
  }
}

run "names_follow_the_environment" {
  command = plan
  variables {
    environment_name = "prod"
  }

  assert {
    condition = contains(
      flatten([for s in jsondecode(output.state_backend_deploy_policy_json).Statement : s.Resource]),
      "arn:aws:s3:::prod-state-123456789012-eu-west-1",
    )
    error_message = "The state bucket is named after the environment by default."
  }
}
`;

const REFUSED = String.raw`# Offline: inputs the module refuses at plan time, with a message naming the rule.
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
`;

export const DEPLOY_POLICIES_TESTS: Readonly<Record<string, string>> = {
  "policies.tftest.hcl": POLICIES,
  "refused_inputs.tftest.hcl": REFUSED,
};

export const DEPLOY_POLICIES_TESTS_DOC = [
  "## Tests",
  "",
  "`tests/` holds `terraform test` files that run offline (`terraform init && terraform test` in this",
  "folder): `policies.tftest.hcl` checks that every ARN of every profile names the given account (or",
  "none, as S3 bucket ARNs do), that each part of `aws_least_privileged_policies` fits 6,144",
  "characters and together they grant exactly the four profiles' actions, and that default names",
  "follow `environment_name`. `refused_inputs.tftest.hcl` checks that a malformed environment name,",
  "account id and region are refused.",
].join("\n");
