provider "aws" {
  region = var.region
}

data "aws_caller_identity" "current" {}

data "aws_partition" "current" {}

locals {
  # By default this account's root: every principal of the account whose own policy allows
  # sts:AssumeRole on the role may assume it. Name your CI role instead where you have one.
  trusted_principal_arns = coalescelist(
    var.trusted_principal_arns,
    ["arn:${data.aws_partition.current.partition}:iam::${data.aws_caller_identity.current.account_id}:root"]
  )
}

# The role <environment_name>-MinProvisioner with one managed policy per deploy profile (split to
# fit 6,144 characters), scoped to the names the environment's resources get.
module "min_provisioner" {
  source = "../../modules-out/hcl/min-provisioner"

  environment_name       = var.environment_name
  trusted_principal_arns = local.trusted_principal_arns
  deploy_profiles        = var.deploy_profiles
  max_session_duration   = var.max_session_duration
}
