import { SECURITY_RULE_IDS, SECURITY_RULES } from "../../lib/checks/all-rules";
import { runSecurityChecks } from "../../lib/checks/run-security-checks";
import { assertNoViolations } from "../../lib/checks/assert-no-violations";
import { checkedStackOf } from "../../lib/checks/checked-stack";
import { buildApp } from "../../lib/app/build-app";
import { loadSettings } from "../../lib/config/load-settings";
import { UserError } from "../../lib/errors";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { identityPolicyStack } from "./helpers";

// The pack's contents, written out: removing (or renaming) a rule must fail this test.
const EXPECTED_RULE_IDS = [
  "S3.PublicAccessBlock",
  "S3.TlsOnly",
  "S3.EncryptionEnforced",
  "S3.Versioning",
  "S3.OwnershipEnforced",
  "KMS.Rotation",
  "KMS.KeyPolicyNoWildcardGrant",
  "KMS.DeletionWindow",
  "DynamoDB.PointInTimeRecovery",
  "DynamoDB.KmsEncryption",
  "DynamoDB.DeletionProtection",
  "IAM.NoActionWildcard",
  "IAM.NoResourceStar",
  "IAM.PassRoleConditioned",
  "IAM.NoAllowWithNotActionOrNotResource",
  "IAM.NoWildcardPrincipal",
  "IAM.PrivilegeEscalationScoped",
  "IAM.RoleCreationBounded",
  "IAM.KmsManagementTagScoped",
  "IAM.KmsUntaggedKeyTagging",
  "IAM.PolicyReadable",
];

describe("the security pack", () => {
  it("holds exactly the expected rules", () => {
    expect([...SECURITY_RULE_IDS].sort()).toEqual([...EXPECTED_RULE_IDS].sort());
  });

  it.each(SECURITY_RULES.map((rule) => [rule.id, rule] as const))(
    "%s says what it found, why it matters and how to fix it, in sentences",
    (_id, rule) => {
      for (const text of [rule.info, rule.explanation, rule.fix])
        expect(text).toMatch(/^[A-Za-z`].{30,}[.)]$/s);
      expect(new Set([rule.info, rule.explanation, rule.fix]).size).toBe(3);
    },
  );

  it("passes every stack of the app with no violation and no unreadable policy", async () => {
    const projectRoot = join(__dirname, "..", "..");
    const settings = loadSettings(projectRoot);
    const { moduleStacks, deployableStacks } = buildApp(settings, {
      outdir: mkdtempSync(join(tmpdir(), "stm-pack-")),
      projectRoot,
    });
    const stacks = [...moduleStacks, ...deployableStacks].map(checkedStackOf);
    const report = await runSecurityChecks(stacks, settings.acknowledgements, {
      environmentNames: [settings.examples.environmentName, ...settings.environments.map((e) => e.name)],
    });
    expect(report.violations.map((v) => `${v.rule} ${v.stack}/${v.resource}: ${v.detail}`)).toEqual([]);
    // The accepted findings, wherever they are rendered: ecs_compute without
    // ecs_role_permissions_boundary_arn, and tag-on-create of the KMS keys the profiles create.
    expect(
      report.findings
        .filter((f) => f.acknowledgement)
        .map((f) => `${f.rule} ${f.stack}/${f.resource}`)
        .sort(),
    ).toEqual([
      "IAM.KmsUntaggedKeyTagging deploy-policies/local.aurora_cluster_deploy_policy_json",
      "IAM.KmsUntaggedKeyTagging deploy-policies/local.ecs_compute_deploy_policy_json",
      "IAM.KmsUntaggedKeyTagging deploy-policies/output.aurora_cluster_deploy_policy_json",
      "IAM.KmsUntaggedKeyTagging deploy-policies/output.aws_least_privileged_policies",
      "IAM.KmsUntaggedKeyTagging deploy-policies/output.ecs_compute_deploy_policy_json",
      "IAM.KmsUntaggedKeyTagging deploy-policies/output.state_backend_deploy_policy_json",
      "IAM.KmsUntaggedKeyTagging min-provisioner/aws_iam_policy.aurora_cluster_2",
      "IAM.KmsUntaggedKeyTagging min-provisioner/aws_iam_policy.ecs_compute_2",
      "IAM.KmsUntaggedKeyTagging min-provisioner/aws_iam_policy.state_backend_1",
      "IAM.KmsUntaggedKeyTagging min-provisioner/aws_iam_role.this",
      "IAM.RoleCreationBounded deploy-policies/local.ecs_compute_deploy_policy_json",
      "IAM.RoleCreationBounded deploy-policies/output.aws_least_privileged_policies",
      "IAM.RoleCreationBounded deploy-policies/output.ecs_compute_deploy_policy_json",
      "IAM.RoleCreationBounded min-provisioner/aws_iam_role.this",
    ]);
    const readable = report.findings.filter((f) => f.rule === "IAM.PolicyReadable");
    // Every module with a policy is judged: state-backend 3, state-access-policy 2, deploy-policies 7
    // (5 outputs and the aurora_cluster and ecs_compute locals their outputs check the size of: both
    // outgrow 6,144 at the longest names in aws-us-gov), min-provisioner 9 (the trust policy in the
    // role and its local, the 6 profile parts, and their union registered on the role).
    expect(readable.filter((f) => f.status === "compliant")).toHaveLength(21);
    // Every rule of the pack ran on something real and found it compliant at least once.
    const exercised = new Set(report.findings.filter((f) => f.status === "compliant").map((f) => f.rule));
    expect([...exercised].sort()).toEqual([...EXPECTED_RULE_IDS].sort());
  });

  it("an unreadable policy is a violation unless acknowledged", async () => {
    const stack = {
      resource: { aws_iam_policy: { this: { name: "tz-x", policy: '${file("policy.json")}' } } },
    };
    const report = await runSecurityChecks([{ name: "m", terraform: stack }]);
    expect(report.violations.map((v) => v.rule)).toEqual(["IAM.PolicyReadable"]);
    expect(report.violations[0].detail).toContain("register its PolicyDocument");
    const acknowledged = await runSecurityChecks(
      [{ name: "m", terraform: stack }],
      [
        {
          rule: "IAM.PolicyReadable",
          resource: "m/aws_iam_policy.this",
          reason: "reviewed by hand in PR 12",
        },
      ],
    );
    expect(acknowledged.violations).toEqual([]);
  });

  it("a partly unreadable statement is a violation too", async () => {
    const stack = identityPolicyStack([{ Effect: "Allow", Action: "s3:GetObject", Resource: { Ref: "x" } }]);
    const report = await runSecurityChecks([{ name: "m", terraform: stack }]);
    expect(report.violations.map((v) => [v.rule, v.detail])).toEqual([
      ["IAM.PolicyReadable", "aws_iam_policy.this.policy statement #1: Resource could not be read"],
    ]);
  });

  it("refuses an acknowledgement of a rule the pack does not have, with a hint", async () => {
    const report = await runSecurityChecks(
      [{ name: "m", terraform: {} }],
      [{ rule: "S3.Versoning", resource: "m/aws_s3_bucket.this", reason: "typo in the rule id" }],
    );
    expect(() => assertNoViolations(report)).toThrow(UserError);
    expect(report.unknownRules).toEqual([
      expect.stringMatching(
        /names rule "S3\.Versoning", which the security pack does not have \(did you mean "S3\.Versioning"\?\)/,
      ),
    ]);
  });
});
