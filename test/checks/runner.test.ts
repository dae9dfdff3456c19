import { App, TerraformOutput, TerraformStack } from "cdktf";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketVersioningA } from "@cdktf/provider-aws/lib/s3-bucket-versioning";
import { runSecurityChecks } from "../../lib/checks/run-security-checks";
import { assertNoViolations } from "../../lib/checks/assert-no-violations";
import { registerPolicy } from "../../lib/policy/registry";
import { checkedStackOf } from "../../lib/checks/checked-stack";
import { s3Versioning } from "../../lib/checks/rules/s3/versioning";
import { SECURITY_RULES } from "../../lib/checks/all-rules";
import { UserError } from "../../lib/errors";
import { definePolicy } from "../../lib/policy/model";
import { compliantBucketStack } from "./helpers";

/** A real cdktf stack with a bucket whose versioning is suspended: the weakened-bucket case. */
function weakenedBucketStack(): TerraformStack {
  const stack = new TerraformStack(new App(), "state-backend");
  const bucket = new S3Bucket(stack, "state", { bucket: "tz-state-123456789012-eu-west-1" });
  new S3BucketVersioningA(stack, "versioning", {
    bucket: bucket.id,
    versioningConfiguration: { status: "Suspended" },
  });
  return stack;
}

describe("runSecurityChecks / assertNoViolations", () => {
  it("fails synth on a weakened bucket, naming rule, stack, resource and fix", async () => {
    const report = await runSecurityChecks([checkedStackOf(weakenedBucketStack())], [], {
      rules: [s3Versioning],
    });
    expect(report.violations).toHaveLength(1);
    const error = (() => {
      try {
        assertNoViolations(report);
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(UserError);
    const message = (error as UserError).message;
    expect(message).toContain("S3.Versioning in stack state-backend");
    expect(message).toMatch(/resource aws_s3_bucket\.state\w*/);
    expect(message).toContain("Fix: Add an aws_s3_bucket_versioning");
    expect(message).not.toMatch(/\n\s+at /);
  });

  it("an acknowledgement accepts the finding and is printed; a stale one is printed as such", async () => {
    const terraform = compliantBucketStack();
    delete terraform.resource.aws_s3_bucket_versioning;
    const acknowledgements = [
      {
        rule: "S3.Versioning",
        resource: "logs/aws_s3_bucket.this",
        reason: "access logs are write-once and expire",
      },
      {
        rule: "S3.Versioning",
        resource: "logs/aws_s3_bucket.gone",
        reason: "left over from an older layout",
      },
    ];
    const report = await runSecurityChecks([{ name: "logs", terraform }], acknowledgements);
    expect(report.violations).toEqual([]);
    expect(() => assertNoViolations(report)).not.toThrow();
    expect(report.lines).toContain(
      "Acknowledged S3.Versioning on logs/aws_s3_bucket.this: access logs are write-once and expire",
    );
    expect(report.lines.some((line) => line.includes("logs/aws_s3_bucket.gone matches no finding"))).toBe(
      true,
    );
  });

  it("every run prints one line per acknowledged rule; the reasons only on request", async () => {
    const terraform = compliantBucketStack();
    delete terraform.resource.aws_s3_bucket_versioning;
    const stacks = ["logs", "audit", "archive"].map((name) => ({ name, terraform }));
    const acknowledgements = stacks.map(({ name }) => ({
      rule: "S3.Versioning",
      resource: `${name}/aws_s3_bucket.this`,
      reason: "access logs are write-once and expire after 30 days",
    }));
    const report = await runSecurityChecks(stacks, acknowledgements);
    expect(report.summary).toEqual([
      "Acknowledged S3.Versioning on 3 resource(s): logs/aws_s3_bucket.this, audit/aws_s3_bucket.this and 1 more (reasons: SECURE_TF_VERBOSE=1)",
    ]);
    expect(report.lines).toHaveLength(3);
    expect(
      report.lines.every((line) => line.endsWith("access logs are write-once and expire after 30 days")),
    ).toBe(true);
  });

  it("names two acknowledged resources in full, and a stale acknowledgement after the accepted ones", async () => {
    const terraform = compliantBucketStack();
    delete terraform.resource.aws_s3_bucket_versioning;
    const stacks = ["logs", "audit"].map((name) => ({ name, terraform }));
    const ack = (resource: string) => ({ rule: "S3.Versioning", resource, reason: "write-once logs" });
    const report = await runSecurityChecks(stacks, [
      ack("gone/aws_s3_bucket.this"),
      ack("logs/aws_s3_bucket.this"),
      ack("audit/aws_s3_bucket.this"),
    ]);
    expect(report.summary).toEqual([
      "Acknowledged S3.Versioning on 2 resource(s): logs/aws_s3_bucket.this, audit/aws_s3_bucket.this (reasons: SECURE_TF_VERBOSE=1)",
      "Acknowledgement S3.Versioning on gone/aws_s3_bucket.this matches no finding; remove it from cdktf.json context.acknowledgements.",
    ]);
  });

  it.each([
    ["S3.Versionig", ' (did you mean "S3.Versioning"?)'],
    ["S3.Versionxyz", ' (did you mean "S3.Versioning"?)'],
    ["S3.Versionwxyz", ""],
  ])(
    "an acknowledgement of rule %s, which the pack does not have, is refused by name",
    async (rule, hint) => {
      const report = await runSecurityChecks(
        [],
        [{ rule, resource: "logs/aws_s3_bucket.this", reason: "r" }],
      );
      expect(report.unknownRules).toHaveLength(1);
      expect(report.unknownRules[0]).toMatch(
        new RegExp(
          `^Acknowledgement of logs/aws_s3_bucket\\.this names rule "${rule.replace(".", "\\.")}", which the security pack does not have${hint.replace(/[.()?]/g, (c) => `\\${c}`)}; use one of S3\\.PublicAccessBlock, `,
        ),
      );
    },
  );

  it("without the acknowledgement the same stack fails", async () => {
    const terraform = compliantBucketStack();
    delete terraform.resource.aws_s3_bucket_versioning;
    const report = await runSecurityChecks([{ name: "logs", terraform }]);
    expect(() => assertNoViolations(report)).toThrow(
      /S3\.Versioning in stack logs, resource aws_s3_bucket\.this/,
    );
  });

  it.each([
    ["the same rule on another resource", "S3.Versioning", "logs/aws_s3_bucket.other"],
    ["the same rule on the resource of another stack", "S3.Versioning", "state/aws_s3_bucket.this"],
    ["another rule on the same resource", "S3.TlsOnly", "logs/aws_s3_bucket.this"],
    ["a resource that only starts like it", "S3.Versioning", "logs/aws_s3_bucket.th"],
  ])("an acknowledgement of %s does not accept the finding", async (_name, rule, resource) => {
    const terraform = compliantBucketStack();
    delete terraform.resource.aws_s3_bucket_versioning;
    const report = await runSecurityChecks([{ name: "logs", terraform }], [{ rule, resource, reason: "r" }]);
    expect(report.violations.map((finding) => `${finding.rule} ${finding.resource}`)).toEqual([
      "S3.Versioning aws_s3_bucket.this",
    ]);
  });

  it("the whole pack passes the compliant bucket shape", async () => {
    const report = await runSecurityChecks([{ name: "state-backend", terraform: compliantBucketStack() }]);
    expect(report.violations).toEqual([]);
    expect(report.findings.filter((finding) => finding.status === "compliant").length).toBeGreaterThanOrEqual(
      5,
    );
  });

  it("rule ids are unique and every rule says what, why and how to fix", () => {
    const ids = SECURITY_RULES.map((rule) => rule.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of SECURITY_RULES) {
      expect(rule.info.length).toBeGreaterThan(20);
      expect(rule.explanation.length).toBeGreaterThan(20);
      expect(rule.fix.length).toBeGreaterThan(20);
    }
  });

  it("registerPolicy: a construct's registered document is what the IAM rules judge", async () => {
    const stack = new TerraformStack(new App(), "deploy-policies");
    new TerraformOutput(stack, "admin_policy_json", { value: "${local.computed}" });
    registerPolicy(
      stack,
      "output.admin_policy_json",
      definePolicy({
        id: "admin",
        description: "too broad",
        kind: "identity",
        params: {},
        statements: [{ sid: "Everything", effect: "Allow", actions: ["iam:*"], resources: ["*"] }],
      }),
    );
    const report = await runSecurityChecks([checkedStackOf(stack)]);
    const rules = report.violations
      .filter((v) => v.resource === "output.admin_policy_json")
      .map((v) => v.rule);
    expect(rules).toEqual(expect.arrayContaining(["IAM.NoActionWildcard", "IAM.PrivilegeEscalationScoped"]));
    expect(() =>
      registerPolicy(
        stack,
        "not an address",
        definePolicy({ id: "x", description: "", kind: "identity", params: {}, statements: [] }),
      ),
    ).toThrow(/not an attribute address/);
  });
});
