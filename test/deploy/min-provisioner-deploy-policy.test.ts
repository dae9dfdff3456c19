import { profilePolicies } from "../../lib/constructs/min-provisioner-role";
import { deployPolicyDocuments } from "../../lib/constructs/deploy-policies";
import { deployParamValues } from "../../lib/app/deploy-policy-examples";
import { minProvisionerPolicyName, minProvisionerRole } from "../../lib/naming/min-provisioner";
import { renderConcrete } from "../../lib/policy/render-concrete";
import { simulate } from "../support/simulate";

/**
 * The min_provisioner deploy policy must cover exactly what this module creates, under the names the
 * module gives them: every `<profile>-<n>` policy key it can create (test/permissions covers the
 * profile's generic rows; these rows are tied to the module's real keys and a custom role_name).
 */
const ACCOUNT = "123456789012";
const env = { environmentName: "tz", accountId: ACCOUNT, region: "eu-west-1" };
const ROLE_NAME = "Provisioner";
const policy = renderConcrete(deployPolicyDocuments().min_provisioner, {
  ...deployParamValues(env),
  min_provisioner_role_name: ROLE_NAME,
});
const role = minProvisionerRole("tz", ROLE_NAME, ACCOUNT);
const policyArn = (env: string, key: string) =>
  `arn:aws:iam::${ACCOUNT}:policy/${minProvisionerPolicyName(env, ROLE_NAME, key)}`;
const decide = (action: string, resource: string, context?: Record<string, string>) =>
  simulate({ identityPolicies: [policy], request: { action, resource, context } });

describe.each(profilePolicies().map((entry) => [entry.key] as const))("module policy %s", (key) => {
  test("may be created, versioned, tagged, attached to the role and deleted", async () => {
    for (const action of [
      "iam:CreatePolicy",
      "iam:CreatePolicyVersion",
      "iam:TagPolicy",
      "iam:DeletePolicy",
    ]) {
      expect(await decide(action, policyArn("tz", key))).toBe("Allowed");
    }
    expect(await decide("iam:AttachRolePolicy", role.arn, { "iam:PolicyARN": policyArn("tz", key) })).toBe(
      "Allowed",
    );
  });

  test("not under another environment's prefix", async () => {
    expect(await decide("iam:CreatePolicyVersion", policyArn("prod", key))).toBe("ImplicitlyDenied");
    expect(await decide("iam:AttachRolePolicy", role.arn, { "iam:PolicyARN": policyArn("prod", key) })).toBe(
      "ImplicitlyDenied",
    );
  });
});

test("the role itself may be created, tagged and its trust policy updated; another role may not", async () => {
  for (const action of ["iam:CreateRole", "iam:TagRole", "iam:UpdateAssumeRolePolicy", "iam:DeleteRole"]) {
    expect(await decide(action, role.arn)).toBe("Allowed");
  }
  const other = minProvisionerRole("tz", "MinProvisioner", ACCOUNT);
  expect(await decide("iam:CreateRole", other.arn)).toBe("ImplicitlyDenied");
  expect(await decide("iam:UpdateAssumeRolePolicy", `arn:aws:iam::${ACCOUNT}:role/Admin`)).toBe(
    "ImplicitlyDenied",
  );
});
