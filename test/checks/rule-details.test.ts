import type { SecurityRule } from "../../lib/checks/rule";
import { iamNoWildcardPrincipal } from "../../lib/checks/rules/iam/no-wildcard-principal";
import { iamPrivilegeEscalationScoped } from "../../lib/checks/rules/iam/privilege-escalation-scoped";
import { iamPassRoleConditioned } from "../../lib/checks/rules/iam/pass-role-conditioned";
import { iamRoleCreationBounded } from "../../lib/checks/rules/iam/role-creation-bounded";
import { iamNoActionWildcard } from "../../lib/checks/rules/iam/no-action-wildcard";
import { iamNoResourceStar } from "../../lib/checks/rules/iam/no-resource-star";
import { iamNoAllowWithNot } from "../../lib/checks/rules/iam/no-allow-not";
import { iamKmsManagementTagScoped } from "../../lib/checks/rules/iam/kms-management-tag-scoped";
import { kmsDeletionWindow } from "../../lib/checks/rules/kms/deletion-window";
import { kmsKeyPolicyAdmin } from "../../lib/checks/rules/kms/key-policy-admin";
import { kmsRotation } from "../../lib/checks/rules/kms/rotation";
import { allow, check, identityPolicyStack, trustPolicyStack } from "./helpers";

/**
 * What each rule reports, word for word: the detail is what a reviewer reads in the failed synth, so
 * it must name the statement, the actions and the resources that broke the rule (and nothing else).
 */
const POLICY = "aws_iam_policy.this";
const ROLE = "aws_iam_role.this";
const KEY = "aws_kms_key.this";
const P = "aws_iam_policy.this.policy statement #1";
const keyStack = (config: object, policy?: object) => ({
  resource: {
    aws_kms_key: { this: { ...config, ...(policy ? { policy: JSON.stringify(policy) } : {}) } },
  },
});
const ROOT = { AWS: "arn:aws:iam::123456789012:root" };
const delegation = { Sid: "Root", Effect: "Allow", Principal: ROOT, Action: "kms:*", Resource: "*" };

type Case = [string, SecurityRule, object, string, string, (string | undefined)?, string[]?];
const CASES: Case[] = [
  [
    "trust policy trusting *",
    iamNoWildcardPrincipal,
    trustPolicyStack("*"),
    ROLE,
    "non-compliant",
    "aws_iam_role.this.assume_role_policy statement #1 allows principal AWS:*",
  ],
  [
    "Principal: *",
    iamNoWildcardPrincipal,
    {
      resource: {
        aws_iam_role: {
          this: {
            assume_role_policy: JSON.stringify({
              Statement: [{ Effect: "Allow", Principal: "*", Action: "sts:AssumeRole" }],
            }),
          },
        },
      },
    },
    ROLE,
    "non-compliant",
    "aws_iam_role.this.assume_role_policy statement #1 allows principal *",
  ],
  [
    "an ARN with a * in it",
    iamNoWildcardPrincipal,
    trustPolicyStack(["arn:aws:iam::123456789012:root", "arn:aws:iam::*:role/x"]),
    ROLE,
    "non-compliant",
    "aws_iam_role.this.assume_role_policy statement #1 allows principal AWS:arn:aws:iam::*:role/x",
  ],
  [
    "an interpolated ARN",
    iamNoWildcardPrincipal,
    trustPolicyStack(["arn:${var.partition}:iam::${var.account_id}:root"]),
    ROLE,
    "compliant",
    undefined,
  ],
  [
    "two wildcard principals",
    iamNoWildcardPrincipal,
    trustPolicyStack(["arn:aws:iam::*:root", "arn:aws:iam::123456789012:role/*"]),
    ROLE,
    "non-compliant",
    "aws_iam_role.this.assume_role_policy statement #1 allows principal AWS:arn:aws:iam::*:root, AWS:arn:aws:iam::123456789012:role/*",
  ],
  [
    "an identity policy",
    iamNoWildcardPrincipal,
    identityPolicyStack([allow("s3:GetObject", "*")]),
    POLICY,
    "not-applicable",
    "identity policies have no Principal",
  ],

  [
    "escalation on every account",
    iamPrivilegeEscalationScoped,
    identityPolicyStack([allow("iam:AttachRolePolicy", "arn:aws:iam::*:role/tz-x")]),
    POLICY,
    "non-compliant",
    `${P} allows iam:AttachRolePolicy where "arn:aws:iam::*:role/tz-x" matches every account`,
  ],
  [
    "escalation on an empty account",
    iamPrivilegeEscalationScoped,
    identityPolicyStack([allow("iam:PutRolePolicy", "arn:aws:iam:::role/tz-x")]),
    POLICY,
    "non-compliant",
    `${P} allows iam:PutRolePolicy where "arn:aws:iam:::role/tz-x" matches every account`,
  ],
  [
    "escalation with an account expression",
    iamPrivilegeEscalationScoped,
    identityPolicyStack([allow("iam:PutRolePolicy", "arn:aws:iam::${var.other}:role/tz-x")]),
    POLICY,
    "non-compliant",
    `${P} allows iam:PutRolePolicy where "arn:aws:iam::\${var.other}:role/tz-x" takes its account from an expression the rule cannot resolve`,
  ],
  [
    "escalation on every name",
    iamPrivilegeEscalationScoped,
    identityPolicyStack([
      allow(
        ["s3:GetObject", "iam:PutRolePolicy"],
        ["arn:aws:iam::123456789012:role/?x", "arn:aws:iam::123456789012:role/tz-a"],
      ),
    ]),
    POLICY,
    "non-compliant",
    `${P} allows iam:PutRolePolicy where "arn:aws:iam::123456789012:role/?x" matches every name`,
  ],
  [
    "escalation named by an expression",
    iamPrivilegeEscalationScoped,
    identityPolicyStack([allow("iam:PutRolePolicy", "arn:aws:iam::123456789012:role/${var.name}")]),
    POLICY,
    "non-compliant",
    `${P} allows iam:PutRolePolicy where "arn:aws:iam::123456789012:role/\${var.name}" names the resource with an expression the rule cannot resolve (start the name with \${var.environment_name}-)`,
  ],
  [
    "escalation outside the environments",
    iamPrivilegeEscalationScoped,
    identityPolicyStack([allow("iam:PutRolePolicy", "arn:aws:iam::123456789012:role/x*")]),
    POLICY,
    "non-compliant",
    `${P} allows iam:PutRolePolicy where "arn:aws:iam::123456789012:role/x*" is not named after an environment (tz-, qa-)`,
    ["tz", "qa"],
  ],
  [
    "escalation on something not an IAM ARN",
    iamPrivilegeEscalationScoped,
    identityPolicyStack([allow("iam:PutRolePolicy", ["*", "xarn:aws:iam::123456789012:role/tz-x"])]),
    POLICY,
    "non-compliant",
    `${P} allows iam:PutRolePolicy where "*" is not an IAM role, policy, user or group ARN the rule can read, "xarn:aws:iam::123456789012:role/tz-x" is not an IAM role, policy, user or group ARN the rule can read`,
  ],
  [
    "escalation inside the environment",
    iamPrivilegeEscalationScoped,
    identityPolicyStack([
      allow("iam:*", [
        "arn:aws:iam::123456789012:role/path/tz-x",
        "arn:aws-us-gov:iam::${var.account_id}:role/tz_x",
        "arn:${var.partition}:iam::123456789012:policy/tz",
        "arn:aws:iam::123456789012:role/${var.environment_name}-x",
      ]),
    ]),
    POLICY,
    "compliant",
    undefined,
    ["tz"],
  ],
  [
    "escalation with no environment names known",
    iamPrivilegeEscalationScoped,
    identityPolicyStack([allow("iam:PutRolePolicy", "arn:aws:iam::123456789012:role/other")]),
    POLICY,
    "compliant",
    undefined,
  ],

  [
    "PassRole without a condition",
    iamPassRoleConditioned,
    identityPolicyStack([allow(["iam:GetRole", "iam:PassRole"], "*")]),
    POLICY,
    "non-compliant",
    `${P} allows iam:PassRole without StringEquals/StringLike on iam:PassedToService naming the services`,
  ],
  [
    "PassRole twice without a condition",
    iamPassRoleConditioned,
    identityPolicyStack([allow(["iam:PassRole", "iam:Pass*"], "*")]),
    POLICY,
    "non-compliant",
    `${P} allows iam:PassRole, iam:Pass* without StringEquals/StringLike on iam:PassedToService naming the services`,
  ],
  [
    "two escalations on two roles of every account",
    iamPrivilegeEscalationScoped,
    identityPolicyStack([
      allow(
        ["iam:PutRolePolicy", "iam:AttachRolePolicy"],
        ["arn:aws:iam::*:role/tz-a", "arn:aws:iam::*:role/tz-b"],
      ),
    ]),
    POLICY,
    "non-compliant",
    `${P} allows iam:PutRolePolicy, iam:AttachRolePolicy where "arn:aws:iam::*:role/tz-a" matches every account, "arn:aws:iam::*:role/tz-b" matches every account`,
  ],
  [
    "CreateRole of two passable roles",
    iamRoleCreationBounded,
    identityPolicyStack([
      allow(
        ["iam:PassRole", "iam:CreateRole"],
        ["arn:aws:iam::123456789012:role/tz-a", "arn:aws:iam::123456789012:role/tz-b"],
        { Condition: { StringEquals: { "iam:PassedToService": "ecs-tasks.amazonaws.com" } } },
      ),
    ]),
    POLICY,
    "non-compliant",
    `${P} allows iam:CreateRole without iam:PermissionsBoundary on arn:aws:iam::123456789012:role/tz-a, arn:aws:iam::123456789012:role/tz-b, which the policy also lets its holder pass (iam:PassRole)`,
  ],
  [
    "PassRole to every service",
    iamPassRoleConditioned,
    identityPolicyStack([
      allow("iam:PassRole", "*", {
        Condition: { StringLike: { "iam:PassedToService": ["ecs-tasks.amazonaws.com", "*"] } },
      }),
    ]),
    POLICY,
    "non-compliant",
    `${P} allows iam:PassRole without StringEquals/StringLike on iam:PassedToService naming the services`,
  ],
  [
    "PassRole to a blank service",
    iamPassRoleConditioned,
    identityPolicyStack([
      allow("iam:PassRole", "*", { Condition: { StringEquals: { "iam:PassedToService": [" "] } } }),
    ]),
    POLICY,
    "non-compliant",
    `${P} allows iam:PassRole without StringEquals/StringLike on iam:PassedToService naming the services`,
  ],
  [
    "PassRole with an empty service list",
    iamPassRoleConditioned,
    identityPolicyStack([
      allow("iam:PassRole", "*", { Condition: { StringEquals: { "iam:PassedToService": [] } } }),
    ]),
    POLICY,
    "non-compliant",
    `${P} allows iam:PassRole without StringEquals/StringLike on iam:PassedToService naming the services`,
  ],
  [
    "PassRole to named services, among other keys",
    iamPassRoleConditioned,
    identityPolicyStack([
      allow("iam:PassRole", "*", {
        Condition: {
          StringEquals: {
            "aws:RequestedRegion": "eu-west-1",
            "iam:PassedToService": ["ecs-tasks.amazonaws.com"],
          },
        },
      }),
    ]),
    POLICY,
    "compliant",
    undefined,
  ],

  [
    "CreateRole of a passable role without a boundary",
    iamRoleCreationBounded,
    identityPolicyStack([
      allow("iam:PassRole", "arn:aws:iam::123456789012:role/tz-a"),
      allow(
        ["iam:CreateRole"],
        ["arn:aws:iam::123456789012:role/tz-a", "arn:aws:iam::123456789012:role/tz-b"],
        { Condition: { StringEquals: { "aws:RequestTag/Environment": "tz" } } },
      ),
    ]),
    POLICY,
    "non-compliant",
    "aws_iam_policy.this.policy statement #2 allows iam:CreateRole without iam:PermissionsBoundary on arn:aws:iam::123456789012:role/tz-a, which the policy also lets its holder pass (iam:PassRole)",
  ],
  [
    "CreateRole on * without a boundary",
    iamRoleCreationBounded,
    identityPolicyStack([allow("iam:CreateRole", "*")]),
    POLICY,
    "non-compliant",
    `${P} allows iam:CreateRole without iam:PermissionsBoundary on *, which the policy also lets its holder pass (iam:PassRole)`,
  ],
  [
    "a denied PassRole makes nothing passable",
    iamRoleCreationBounded,
    identityPolicyStack([
      { Effect: "Deny", Action: "iam:PassRole", Resource: "arn:aws:iam::123456789012:role/tz-a" },
      allow("iam:CreateRole", "arn:aws:iam::123456789012:role/tz-a"),
    ]),
    POLICY,
    "compliant",
    undefined,
  ],

  [
    "s3:* and iam:Put*",
    iamNoActionWildcard,
    identityPolicyStack([allow(["s3:*", "iam:Put*", "s3:GetObject"], "*")]),
    POLICY,
    "non-compliant",
    `${P} allows s3:*, iam:Put*`,
  ],
  [
    "kms:* to the account root in a key policy",
    iamNoActionWildcard,
    keyStack({}, { Statement: [delegation] }),
    KEY,
    "compliant",
    undefined,
  ],
  [
    "kms:* to a role in a key policy",
    iamNoActionWildcard,
    keyStack(
      {},
      { Statement: [{ ...delegation, Principal: { AWS: "arn:aws:iam::123456789012:role/admin" } }] },
    ),
    KEY,
    "non-compliant",
    'aws_kms_key.this.policy statement "Root" allows kms:*',
  ],

  [
    "scopable actions on *",
    iamNoResourceStar,
    identityPolicyStack([allow(["s3:DeleteBucket", "kms:ListAliases", "s3:GetObject"], "*")]),
    POLICY,
    "non-compliant",
    `${P} allows s3:DeleteBucket, s3:GetObject on "*" although each has a resource type`,
  ],
  [
    "a bucket policy on *",
    iamNoResourceStar,
    {
      resource: {
        aws_s3_bucket_policy: {
          this: {
            bucket: "b",
            policy: JSON.stringify({ Statement: [allow("s3:GetObject", "*", { Principal: ROOT })] }),
          },
        },
      },
    },
    "aws_s3_bucket_policy.this",
    "not-applicable",
    "bucket policy",
  ],

  [
    "Allow with NotAction and NotResource",
    iamNoAllowWithNot,
    identityPolicyStack([{ Effect: "Allow", NotAction: "iam:*", NotResource: "arn:aws:s3:::b" }]),
    POLICY,
    "non-compliant",
    `${P} allows with NotAction and NotResource`,
  ],
  [
    "Allow with NotResource",
    iamNoAllowWithNot,
    identityPolicyStack([{ Effect: "Allow", Action: "s3:GetObject", NotResource: "arn:aws:s3:::b" }]),
    POLICY,
    "non-compliant",
    `${P} allows with NotResource`,
  ],

  [
    "management on key/* without the tag",
    iamKmsManagementTagScoped,
    identityPolicyStack([
      allow(
        ["kms:DescribeKey", "kms:PutKeyPolicy", "kms:Disable*"],
        ["arn:aws:kms:eu-west-1:123456789012:key/1234", "arn:aws:kms:eu-west-1:123456789012:key/*"],
        { Condition: { StringEquals: { "kms:CallerAccount": "123456789012" } } },
      ),
    ]),
    POLICY,
    "non-compliant",
    `${P} allows kms:PutKeyPolicy, kms:Disable* on any key without StringEquals on aws:ResourceTag`,
  ],
  [
    "management on *, tag required",
    iamKmsManagementTagScoped,
    identityPolicyStack([
      allow("kms:*", "*", {
        Condition: {
          StringEquals: { "kms:CallerAccount": "123456789012", "aws:ResourceTag/Environment": "tz" },
        },
      }),
    ]),
    POLICY,
    "compliant",
    undefined,
  ],
  [
    "management on key/x*",
    iamKmsManagementTagScoped,
    identityPolicyStack([allow("kms:ScheduleKeyDeletion", "arn:aws:kms:eu-west-1:123456789012:key/*x")]),
    POLICY,
    "compliant",
    undefined,
  ],
  [
    "a key policy's own *",
    iamKmsManagementTagScoped,
    keyStack({}, { Statement: [delegation] }),
    KEY,
    "compliant",
    undefined,
  ],

  ["deletion window unset", kmsDeletionWindow, keyStack({}), KEY, "compliant", "unset: AWS waits 30 days"],
  [
    "deletion window 7 as text",
    kmsDeletionWindow,
    keyStack({ deletion_window_in_days: "7" }),
    KEY,
    "compliant",
    undefined,
  ],
  [
    "deletion window 6 as text",
    kmsDeletionWindow,
    keyStack({ deletion_window_in_days: "6" }),
    KEY,
    "non-compliant",
    "deletion_window_in_days is 6",
  ],
  [
    "deletion window 6",
    kmsDeletionWindow,
    keyStack({ deletion_window_in_days: 6 }),
    KEY,
    "non-compliant",
    "deletion_window_in_days is 6",
  ],
  [
    "deletion window from an expression",
    kmsDeletionWindow,
    keyStack({ deletion_window_in_days: "${var.days}7" }),
    KEY,
    "not-applicable",
    'deletion_window_in_days is an expression: "${var.days}7"',
  ],

  [
    "no key policy",
    kmsKeyPolicyAdmin,
    keyStack({}),
    KEY,
    "compliant",
    "no key policy: AWS's default grants kms:* to the account root only",
  ],
  [
    "kms:* to others",
    kmsKeyPolicyAdmin,
    keyStack(
      {},
      {
        Statement: [
          delegation,
          {
            Effect: "Allow",
            Principal: {
              AWS: ["arn:aws:iam::123456789012:root", "arn:aws:iam::123456789012:role/admin"],
              Service: "logs.amazonaws.com",
            },
            Action: ["kms:Decrypt", "kms:*"],
            Resource: "*",
          },
          { Effect: "Allow", Action: "*", Resource: "*" },
          { Effect: "Deny", Principal: "*", Action: "kms:*", Resource: "*" },
          { Effect: "Allow", Principal: "*", Action: "kms:Decrypt", Resource: "*" },
        ],
      },
    ),
    KEY,
    "non-compliant",
    "statement #2 grants kms:* to arn:aws:iam::123456789012:role/admin, Service:logs.amazonaws.com; statement #3 grants kms:* to *:*",
  ],
  [
    "a key policy of its own resource",
    kmsKeyPolicyAdmin,
    {
      resource: {
        aws_kms_key: { this: {} },
        aws_kms_key_policy: {
          this: {
            key_id: "${aws_kms_key.this.id}",
            policy: JSON.stringify({
              Statement: [{ ...delegation, Principal: { AWS: "arn:aws:iam::123456789012:role/admin" } }],
            }),
          },
        },
      },
    },
    KEY,
    "non-compliant",
    'statement "Root" grants kms:* to arn:aws:iam::123456789012:role/admin',
  ],
  [
    "another key's policy",
    kmsKeyPolicyAdmin,
    {
      resource: {
        aws_kms_key: {
          this: {},
          other: { policy: JSON.stringify({ Statement: [{ ...delegation, Principal: "*" }] }) },
        },
      },
    },
    KEY,
    "compliant",
    "no key policy: AWS's default grants kms:* to the account root only",
  ],
  [
    "an unreadable key policy",
    kmsKeyPolicyAdmin,
    { resource: { aws_kms_key: { this: { policy: "${var.policy}" } } } },
    KEY,
    "not-applicable",
    "aws_kms_key.this.policy could not be analysed: the policy is an expression no construct registered (register its PolicyDocument with registerPolicy): ${var.policy}",
  ],

  [
    "kms:* to the account root, spelled every way, and to look-alikes",
    kmsKeyPolicyAdmin,
    keyStack(
      {},
      {
        Statement: [
          {
            Effect: "Allow",
            Action: "kms:*",
            Resource: "*",
            Principal: {
              AWS: [
                "123456789012",
                "arn:aws-cn:iam::123456789012:root",
                "arn:${data.aws_partition.p.partition}:iam::${data.aws_caller_identity.c.account_id}:root",
                "arn:aws:iam::123456789012:rootx",
                "arn:aws:iam::12345678901:root",
                "xarn:aws:iam::123456789012:root",
                "arn:aws1:iam::123456789012:root",
                "1234567890123",
              ],
            },
          },
        ],
      },
    ),
    KEY,
    "non-compliant",
    "statement #1 grants kms:* to arn:aws:iam::123456789012:rootx, arn:aws:iam::12345678901:root, xarn:aws:iam::123456789012:root, arn:aws1:iam::123456789012:root, 1234567890123",
  ],
  [
    "kms:* in a key policy to the root and a service",
    iamNoActionWildcard,
    keyStack({}, { Statement: [{ ...delegation, Principal: { ...ROOT, Service: "logs.amazonaws.com" } }] }),
    KEY,
    "non-compliant",
    'aws_kms_key.this.policy statement "Root" allows kms:*',
  ],
  [
    "kms:* in a key policy to no one named",
    iamNoActionWildcard,
    keyStack({}, { Statement: [{ ...delegation, Principal: { AWS: [] } }] }),
    KEY,
    "non-compliant",
    'aws_kms_key.this.policy statement "Root" allows kms:*',
  ],
  [
    "sts:* to the account root in a trust policy",
    iamNoActionWildcard,
    {
      resource: {
        aws_iam_role: {
          this: {
            assume_role_policy: JSON.stringify({
              Statement: [{ Effect: "Allow", Principal: ROOT, Action: "sts:*" }],
            }),
          },
        },
      },
    },
    ROLE,
    "non-compliant",
    "aws_iam_role.this.assume_role_policy statement #1 allows sts:*",
  ],
  [
    "rotation off",
    kmsRotation,
    keyStack({ enable_key_rotation: false }),
    KEY,
    "non-compliant",
    "enable_key_rotation is false",
  ],
  ["rotation unset", kmsRotation, keyStack({}), KEY, "non-compliant", "enable_key_rotation is unset"],
  [
    "rotation on, symmetric",
    kmsRotation,
    keyStack({ enable_key_rotation: true, customer_master_key_spec: "SYMMETRIC_DEFAULT" }),
    KEY,
    "compliant",
    undefined,
  ],
  [
    "an asymmetric key",
    kmsRotation,
    keyStack({ key_spec: "RSA_2048" }),
    KEY,
    "not-applicable",
    'key spec "RSA_2048" cannot rotate',
  ],
];

describe("what each rule reports", () => {
  for (const [name, rule, terraform, resource, status, detail, environmentNames] of CASES) {
    it(name, async () => {
      const finding = await check(rule, terraform, resource, { environmentNames });
      expect({ status: finding.status, detail: finding.detail }).toEqual({ status, detail });
    });
  }
});

describe("IAM.KmsManagementTagScoped: every call that takes a key away from its owner", () => {
  for (const action of [
    "kms:PutKeyPolicy",
    "kms:ScheduleKeyDeletion",
    "kms:DisableKey",
    "kms:DisableKeyRotation",
    "kms:UntagResource",
    "kms:UpdateKeyDescription",
    "kms:CancelKeyDeletion",
  ]) {
    it(`${action} on key/* needs the key's tag`, async () => {
      const stack = identityPolicyStack([allow(action, "arn:aws:kms:eu-west-1:123456789012:key/*")]);
      expect((await check(iamKmsManagementTagScoped, stack, POLICY)).detail).toBe(
        `${P} allows ${action} on any key without StringEquals on aws:ResourceTag`,
      );
    });
  }
});
