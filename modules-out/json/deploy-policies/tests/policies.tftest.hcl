# Offline: this module needs no provider. Run: terraform init && terraform test
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
