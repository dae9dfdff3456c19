import { iamNoActionWildcard } from "../../lib/checks/rules/iam/no-action-wildcard";
import { iamNoResourceStar } from "../../lib/checks/rules/iam/no-resource-star";
import { iamPassRoleConditioned } from "../../lib/checks/rules/iam/pass-role-conditioned";
import { iamKmsManagementTagScoped } from "../../lib/checks/rules/iam/kms-management-tag-scoped";
import { iamKmsUntaggedKeyTagging } from "../../lib/checks/rules/iam/kms-untagged-key-tagging";
import { iamNoAllowWithNot } from "../../lib/checks/rules/iam/no-allow-not";
import { iamNoWildcardPrincipal } from "../../lib/checks/rules/iam/no-wildcard-principal";
import { iamPrivilegeEscalationScoped } from "../../lib/checks/rules/iam/privilege-escalation-scoped";
import { iamRoleCreationBounded } from "../../lib/checks/rules/iam/role-creation-bounded";
import { stateRuntimePolicy } from "../../lib/policy/documents/state-access";
import { allow, check, identityPolicyStack, trustPolicyStack } from "./helpers";

const POLICY = "aws_iam_policy.this";
const ROLE = "aws_iam_role.this";

describe("IAM rules", () => {
  it("IAM.NoActionWildcard: exact actions are compliant, s3:* or iam:Put* are not", async () => {
    const exact = identityPolicyStack([allow(["s3:GetObject"], "arn:aws:s3:::tz-state/tz/v1/*")]);
    expect((await check(iamNoActionWildcard, exact, POLICY)).status).toBe("compliant");
    const wild = identityPolicyStack([allow(["s3:GetObject", "iam:Put*"], "*")]);
    const finding = await check(iamNoActionWildcard, wild, POLICY);
    expect(finding.status).toBe("non-compliant");
    expect(finding.detail).toContain("allows iam:Put*");
  });

  it("IAM.NoActionWildcard: a Deny with s3:* is fine", async () => {
    const deny = identityPolicyStack([{ Effect: "Deny", Action: "s3:*", Resource: "*" }]);
    expect((await check(iamNoActionWildcard, deny, POLICY)).status).toBe("compliant");
  });

  it("IAM.NoResourceStar: actions without a resource type may use *, scopable ones may not", async () => {
    const unscopable = identityPolicyStack([allow(["s3:ListAllMyBuckets", "sts:GetCallerIdentity"], "*")]);
    expect((await check(iamNoResourceStar, unscopable, POLICY)).status).toBe("compliant");
    const scopable = identityPolicyStack([allow(["s3:ListAllMyBuckets", "s3:DeleteBucket"], "*")]);
    const finding = await check(iamNoResourceStar, scopable, POLICY);
    expect(finding.status).toBe("non-compliant");
    expect(finding.detail).toContain("s3:DeleteBucket");
    expect(finding.detail).not.toContain("ListAllMyBuckets");
  });

  it("IAM.PassRoleConditioned: PassRole needs iam:PassedToService", async () => {
    const role = "arn:aws:iam::123456789012:role/tz-ecs-task";
    const conditioned = identityPolicyStack([
      allow("iam:PassRole", role, {
        Condition: { StringEquals: { "iam:PassedToService": "ecs-tasks.amazonaws.com" } },
      }),
    ]);
    expect((await check(iamPassRoleConditioned, conditioned, POLICY)).status).toBe("compliant");
    expect(
      (await check(iamPassRoleConditioned, identityPolicyStack([allow("iam:PassRole", role)]), POLICY))
        .status,
    ).toBe("non-compliant");
    // A wildcard that includes PassRole counts as PassRole.
    expect(
      (await check(iamPassRoleConditioned, identityPolicyStack([allow("iam:Pass*", role)]), POLICY)).status,
    ).toBe("non-compliant");
  });

  it.each([
    [
      "StringEquals on iam:PassedToService",
      { StringEquals: { "iam:PassedToService": "ecs-tasks.amazonaws.com" } },
      "compliant",
    ],
    [
      "StringLike on iam:PassedToService",
      { StringLike: { "iam:PassedToService": "ecs-tasks.amazonaws.com" } },
      "compliant",
    ],
    [
      "StringNotEquals on iam:PassedToService",
      { StringNotEquals: { "iam:PassedToService": "ec2.amazonaws.com" } },
      "non-compliant",
    ],
    [
      "StringEqualsIfExists on iam:PassedToService",
      { StringEqualsIfExists: { "iam:PassedToService": "ecs-tasks.amazonaws.com" } },
      "non-compliant",
    ],
    ["StringLike * on iam:PassedToService", { StringLike: { "iam:PassedToService": "*" } }, "non-compliant"],
    [
      "StringEquals on another iam: key",
      { StringEquals: { "iam:AssociatedResourceArn": "arn:aws:ecs:*" } },
      "non-compliant",
    ],
  ])("IAM.PassRoleConditioned: %s is %s", async (_name, Condition, expected) => {
    const role = "arn:aws:iam::123456789012:role/tz-ecs-task";
    const stack = identityPolicyStack([allow("iam:PassRole", role, { Condition })]);
    expect((await check(iamPassRoleConditioned, stack, POLICY)).status).toBe(expected);
  });

  it.each([
    [
      "StringEquals on the Environment tag",
      { StringEquals: { "aws:ResourceTag/Environment": "tz" } },
      "compliant",
    ],
    [
      "StringEqualsIfExists on the tag (the defect of #21)",
      { StringEqualsIfExists: { "aws:ResourceTag/Environment": "tz" } },
      "non-compliant",
    ],
    [
      "only an alias condition",
      { "ForAllValues:StringLike": { "kms:ResourceAliases": ["alias/tz-state"] } },
      "non-compliant",
    ],
    ["no condition", undefined, "non-compliant"],
  ])(
    "IAM.KmsManagementTagScoped: ScheduleKeyDeletion on key/* with %s is %s",
    async (_name, Condition, expected) => {
      const key = "arn:aws:kms:eu-west-1:123456789012:key/*";
      const stack = identityPolicyStack([
        allow(["kms:ScheduleKeyDeletion", "kms:PutKeyPolicy"], key, Condition ? { Condition } : {}),
      ]);
      expect((await check(iamKmsManagementTagScoped, stack, POLICY)).status).toBe(expected);
    },
  );

  it("IAM.KmsManagementTagScoped: a named key, or the creating apply's calls, need no tag", async () => {
    const named = identityPolicyStack([
      allow(
        "kms:ScheduleKeyDeletion",
        "arn:aws:kms:eu-west-1:123456789012:key/0f4d2c1e-9a8b-4c7d-8e6f-5a4b3c2d1e0f",
      ),
    ]);
    expect((await check(iamKmsManagementTagScoped, named, POLICY)).status).toBe("compliant");
    const settling = identityPolicyStack([
      allow(["kms:EnableKeyRotation", "kms:DescribeKey"], "arn:aws:kms:eu-west-1:123456789012:key/*", {
        Condition: { StringEqualsIfExists: { "aws:ResourceTag/Environment": "tz" } },
      }),
    ]);
    expect((await check(iamKmsManagementTagScoped, settling, POLICY)).status).toBe("compliant");
  });

  const ANY_KEY = "arn:aws:kms:eu-west-1:123456789012:key/*";
  const TAG_ON_CREATE = {
    StringEquals: { "aws:RequestTag/Environment": "tz" },
    Null: { "aws:ResourceTag/Environment": "true" },
  };
  it.each([
    [
      "TagResource on key/* for untagged keys (tag-on-create)",
      [allow("kms:TagResource", ANY_KEY, { Condition: TAG_ON_CREATE })],
      "non-compliant",
    ],
    [
      "TagResource on key/* under StringEqualsIfExists",
      [
        allow("kms:TagResource", ANY_KEY, {
          Condition: { StringEqualsIfExists: { "aws:ResourceTag/Environment": "tz" } },
        }),
      ],
      "non-compliant",
    ],
    ["kms:* on *", [allow("kms:*", "*")], "non-compliant"],
    ["kms:Tag* on key/*", [allow(["kms:DescribeKey", "kms:Tag*"], ANY_KEY)], "non-compliant"],
    [
      "TagResource on key/* that must carry the tag",
      [
        allow("kms:TagResource", ANY_KEY, {
          Condition: { StringEquals: { "aws:ResourceTag/Environment": "tz" } },
        }),
      ],
      "compliant",
    ],
    [
      "TagResource on one named key",
      [
        allow(
          "kms:TagResource",
          "arn:aws:kms:eu-west-1:123456789012:key/0f4d2c1e-9a8b-4c7d-8e6f-5a4b3c2d1e0f",
        ),
      ],
      "compliant",
    ],
    [
      "other calls on untagged keys",
      [
        allow(["kms:EnableKeyRotation", "kms:DescribeKey", "kms:CreateAlias"], ANY_KEY, {
          Condition: { StringEqualsIfExists: { "aws:ResourceTag/Environment": "tz" } },
        }),
      ],
      "compliant",
    ],
    [
      "a Deny of TagResource on key/*",
      [{ Effect: "Deny", Action: "kms:TagResource", Resource: ANY_KEY }],
      "compliant",
    ],
  ])("IAM.KmsUntaggedKeyTagging: %s is %s", async (_name, statements, expected) => {
    const finding = await check(iamKmsUntaggedKeyTagging, identityPolicyStack(statements), POLICY);
    expect(finding.status).toBe(expected);
    if (expected === "non-compliant")
      expect(finding.detail).toContain(
        "allows kms:TagResource on any key without StringEquals on aws:ResourceTag",
      );
  });

  it("IAM.RoleCreationBounded: creating a passable role needs iam:PermissionsBoundary", async () => {
    const role = "arn:aws:iam::123456789012:role/tz-orchestra-*";
    const pass = allow("iam:PassRole", role, {
      Condition: { StringEquals: { "iam:PassedToService": "ecs-tasks.amazonaws.com" } },
    });
    const bounded = allow("iam:CreateRole", role, {
      Condition: { StringEquals: { "iam:PermissionsBoundary": "arn:aws:iam::123456789012:policy/b" } },
    });
    const check1 = (statements: object[]) =>
      check(iamRoleCreationBounded, identityPolicyStack(statements), POLICY);
    expect((await check1([pass, bounded])).status).toBe("compliant");
    // A role that cannot be passed is not minted for a service (min_provisioner's own role).
    expect((await check1([allow("iam:CreateRole", role)])).status).toBe("compliant");
    const unbounded = await check1([pass, allow(["iam:CreateRole", "iam:GetRole"], role)]);
    expect(unbounded.status).toBe("non-compliant");
    expect(unbounded.detail).toContain("allows iam:CreateRole without iam:PermissionsBoundary");
  });

  it("IAM.NoAllowWithNotActionOrNotResource: Allow + NotAction is non-compliant, Deny + NotAction is fine", async () => {
    const allowNot = identityPolicyStack([{ Effect: "Allow", NotAction: "iam:*", Resource: "*" }]);
    expect((await check(iamNoAllowWithNot, allowNot, POLICY)).status).toBe("non-compliant");
    const denyNot = identityPolicyStack([
      { Effect: "Deny", NotAction: "s3:GetObject", NotResource: "arn:aws:s3:::b/*" },
      allow("s3:GetObject", "arn:aws:s3:::b/*"),
    ]);
    expect((await check(iamNoAllowWithNot, denyNot, POLICY)).status).toBe("compliant");
  });

  it("IAM.NoWildcardPrincipal: named principals are compliant, * and account wildcards are not", async () => {
    const named = trustPolicyStack(["${var.trusted_principal_arns}"]);
    expect((await check(iamNoWildcardPrincipal, named, ROLE)).status).toBe("compliant");
    const anyone = trustPolicyStack("*");
    const finding = await check(iamNoWildcardPrincipal, anyone, ROLE);
    expect(finding.status).toBe("non-compliant");
    expect(finding.detail).toContain("aws_iam_role.this.assume_role_policy");
    expect(
      (await check(iamNoWildcardPrincipal, trustPolicyStack(["arn:aws:iam::*:root"]), ROLE)).status,
    ).toBe("non-compliant");
  });

  describe("IAM.PrivilegeEscalationScoped", () => {
    const env = { environmentNames: ["tz"] };
    it("is compliant on the environment's own roles and policies", async () => {
      const scoped = identityPolicyStack([
        allow(
          ["iam:AttachRolePolicy", "iam:PutRolePolicy"],
          ["arn:aws:iam::123456789012:role/tz-*", "arn:aws:iam::123456789012:role/ci/tz-deployer"],
        ),
        allow("iam:CreatePolicyVersion", "arn:aws:iam::${var.account_id}:policy/${var.environment_name}-*"),
      ]);
      expect((await check(iamPrivilegeEscalationScoped, scoped, POLICY, env)).status).toBe("compliant");
    });

    it.each([
      ["*"],
      ["arn:aws:iam::*:role/*"],
      ["arn:aws:iam::123456789012:role/*"],
      ["arn:aws:iam::123456789012:role/prod-admin"],
    ])("is non-compliant on %s", async (resource) => {
      const stack = identityPolicyStack([allow("iam:PutRolePolicy", resource)]);
      const finding = await check(iamPrivilegeEscalationScoped, stack, POLICY, env);
      expect(finding.status).toBe("non-compliant");
      expect(finding.detail).toContain(resource);
    });

    it.each([
      ["a whole ARN from a variable", "${var.role_arn}"],
      ["a name from a variable", "arn:aws:iam::123456789012:role/${var.role_name}"],
      ["a name that only starts with an expression", "arn:aws:iam::123456789012:role/${var.prefix}-deployer"],
      ["an account from an unknown expression", "arn:aws:iam::${local.account}:role/tz-deployer"],
    ])("fails closed on %s", async (_case, resource) => {
      const stack = identityPolicyStack([allow("iam:PutRolePolicy", resource)]);
      const finding = await check(iamPrivilegeEscalationScoped, stack, POLICY, env);
      expect(finding.status).toBe("non-compliant");
      expect(finding.detail).toContain(resource);
    });

    it("catches wildcard actions that include an escalation action", async () => {
      const stack = identityPolicyStack([allow("iam:Attach*", "*")]);
      expect((await check(iamPrivilegeEscalationScoped, stack, POLICY, env)).status).toBe("non-compliant");
    });
  });

  it("reads a registered PolicyDocument instead of the rendered text", async () => {
    const stack = { output: { runtime_policy_json: { value: "${local.opaque}" } } };
    const policies = new Map([["output.runtime_policy_json", [stateRuntimePolicy]]]);
    // The state runtime policy scopes every action: compliant under each IAM rule.
    for (const rule of [
      iamNoActionWildcard,
      iamNoResourceStar,
      iamNoAllowWithNot,
      iamPrivilegeEscalationScoped,
    ]) {
      expect((await check(rule, stack, "output.runtime_policy_json", { policies })).status).toBe("compliant");
    }
  });

  it("an unreadable policy is not-applicable with the reason, never silently compliant", async () => {
    const stack = { resource: { aws_iam_policy: { this: { policy: "${data.external.policy.result}" } } } };
    const finding = await check(iamNoActionWildcard, stack, POLICY);
    expect(finding.status).toBe("not-applicable");
    expect(finding.detail).toContain("data.external.policy.result");
  });

  it("reads aws_iam_policy_document data sources", async () => {
    const stack = {
      data: {
        aws_iam_policy_document: {
          deploy: {
            statement: [{ effect: "Allow", actions: ["s3:*"], resources: ["arn:aws:s3:::tz-state"] }],
          },
        },
      },
      resource: { aws_iam_policy: { this: { policy: "${data.aws_iam_policy_document.deploy.json}" } } },
    };
    expect((await check(iamNoActionWildcard, stack, POLICY)).status).toBe("non-compliant");
  });
});
