import { profilePolicies } from "../../lib/constructs/min-provisioner-role";
import { deployPolicyDocuments } from "../../lib/constructs/deploy-policies";
import { deployParamValues } from "../../lib/app/deploy-policy-examples";
import { minProvisionerPolicyName, minProvisionerRole } from "../../lib/naming/min-provisioner";
import { fillTemplate } from "../../lib/hcl/template";
import { renderConcrete } from "../../lib/policy/render-concrete";
import { simulate } from "../support/simulate";
import { SAMPLE_REGIONS } from "../simulation/state-access-fixtures";
import { PARTITION_IDS } from "../../lib/naming/partition";

/**
 * The min_provisioner deploy policy must cover exactly what this module creates, under the names the
 * module gives them: every `<profile>-<n>` policy key it can create (test/permissions covers the
 * profile's generic rows; these rows are tied to the module's real keys and a custom role_name).
 * Every partition: the policy rendered there, requests with that partition's ARNs.
 */
const ACCOUNT = "123456789012";
const ROLE_NAME = "Provisioner";

describe.each(PARTITION_IDS.map((partition) => [partition] as const))("partition %s", (partition) => {
  const env = { environmentName: "tz", accountId: ACCOUNT, region: SAMPLE_REGIONS[partition] };
  const policy = renderConcrete(deployPolicyDocuments().min_provisioner, {
    ...deployParamValues(env),
    min_provisioner_role_name: ROLE_NAME,
  });
  const arnOf = (template: string) => fillTemplate(template, { partition });
  const role = { arn: arnOf(minProvisionerRole("tz", ROLE_NAME, ACCOUNT).arn) };
  const policyArn = (env: string, key: string) =>
    `arn:${partition}:iam::${ACCOUNT}:policy/${minProvisionerPolicyName(env, ROLE_NAME, key)}`;
  const decide = (action: string, resource: string, context?: Record<string, string>) =>
    simulate({
      identityPolicies: [policy],
      request: { action, resource, context, principal: `arn:${partition}:iam::${ACCOUNT}:role/ci` },
    });

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
      expect(
        await decide("iam:AttachRolePolicy", role.arn, { "iam:PolicyARN": policyArn("prod", key) }),
      ).toBe("ImplicitlyDenied");
    });
  });

  test("the role itself may be created, tagged and its trust policy updated; another role may not", async () => {
    for (const action of ["iam:CreateRole", "iam:TagRole", "iam:UpdateAssumeRolePolicy", "iam:DeleteRole"]) {
      expect(await decide(action, role.arn)).toBe("Allowed");
    }
    const other = arnOf(minProvisionerRole("tz", "MinProvisioner", ACCOUNT).arn);
    expect(await decide("iam:CreateRole", other)).toBe("ImplicitlyDenied");
    expect(await decide("iam:UpdateAssumeRolePolicy", `arn:${partition}:iam::${ACCOUNT}:role/Admin`)).toBe(
      "ImplicitlyDenied",
    );
  });

  test("the same role in another partition is denied", async () => {
    const other = PARTITION_IDS.find((id) => id !== partition) ?? partition;
    const elsewhere = role.arn.replace(`arn:${partition}:`, `arn:${other}:`);
    expect(await decide("iam:CreateRole", elsewhere)).toBe("ImplicitlyDenied");
  });
});
