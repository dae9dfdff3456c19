import { partResourceName, profilePolicies } from "../../constructs/min-provisioner-role";
import { MOCK_AWS_PROVIDER } from "./mock-aws-provider";

/** Every part's policy resource, created or not (count 0 or 1), as one list. */
function everyPolicy(): string {
  const parts = profilePolicies().map((entry) => `aws_iam_policy.${partResourceName(entry.key)}`);
  return `concat(${parts.join(", ")})`;
}

/**
 * `terraform test` files shipped in the min-provisioner module. They plan against a mocked AWS
 * provider, so they need the hashicorp/aws provider downloaded but no AWS account.
 */
const role = (): string => `${MOCK_AWS_PROVIDER}
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
    condition     = !contains([for policy in ${everyPolicy()} : policy.tags["Environment"]], "")
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
`;

/** Built when the module is (the parts need the IAM catalogue loaded). */
export function minProvisionerTests(): Readonly<Record<string, string>> {
  return { "role.tftest.hcl": role() };
}

export const MIN_PROVISIONER_TESTS_DOC = [
  "## Tests",
  "",
  "`tests/role.tftest.hcl` plans the module against a mocked AWS provider (`mock_provider`): it needs",
  "the `hashicorp/aws` provider downloaded by `terraform init`, but no AWS account or credentials. It",
  "checks the role's name, that its trust policy names only the trusted principals, that every policy",
  "is tagged with the environment, and that the self-escalating `min_provisioner` profile without a",
  "boundary, a principal of another partition and a wildcard principal are refused. This project's",
  "own tests check these files with `terraform fmt`; they cannot download the provider to run them.",
].join("\n");
