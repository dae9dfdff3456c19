import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { wrapExpression } from "../../lib/hcl/wrap-expression";

const LONG_POLICY =
  'jsonencode({"Version" = "2012-10-17", "Statement" = concat([{"Sid" = "A", "Effect" = "Allow", "Action" = ["s3:GetObject", "s3:PutObject"], "Resource" = ["arn:aws:s3:::${var.bucket}/${var.prefix}*"]}], var.key != null ? [{"Sid" = "K", "Effect" = "Allow", "Action" = ["kms:Decrypt"], "Resource" = [var.key], "Condition" = {"StringLike" = {"kms:ViaService" = ["s3.*.amazonaws.com"]}}}] : [])})';
const LONG_CHAIN =
  'length(var.bucket) >= 3 && length(var.bucket) <= 63 && can(regex("^[a-z0-9][a-z0-9.-]*[a-z0-9]$", var.bucket)) && !startswith(var.bucket, "xn--")';
const LONG_ARN =
  '"arn:${local.partition}:rds:${local.region}:${local.account_id}:cluster-snapshot:${local.aurora_cluster_identifier}-final"';
const POLICY_WITH_LONG_ARN = `jsonencode({"Version" = "2012-10-17", "Statement" = [{"Sid" = "A", "Effect" = "Allow", "Action" = ["rds:DeleteDBCluster"], "Resource" = [${LONG_ARN}]}]})`;
const LONG_LITERAL =
  'can(regex("^arn:aws(-[a-z]+)*:(iam::[0-9]{12}:(root|(user|role)(/[A-Za-z0-9+=,.@_-]+)+)|sts::[0-9]{12}:assumed-role/[A-Za-z0-9+=,.@_-]+/[A-Za-z0-9+=,.@_-]+)$", var.principal))';

describe("wrapExpression", () => {
  test("leaves an expression that fits alone", () => {
    expect(wrapExpression("var.a == null ? [] : [var.a]")).toBe("var.a == null ? [] : [var.a]");
  });

  test.each([
    ["a policy", LONG_POLICY],
    ["an operator chain", LONG_CHAIN],
    ["a long literal", LONG_LITERAL],
  ])("lays %s out in lines of at most 100 characters plus indentation", (_what, expression) => {
    const wrapped = wrapExpression(expression);
    expect(wrapped.split("\n").length).toBeGreaterThan(2);
    for (const line of wrapped.split("\n")) expect(line.trimStart().length).toBeLessThanOrEqual(100);
  });
});

describe("strings in a policy document stay whole", () => {
  // checkov evaluates a jsonencode document only when each value is a plain string; a
  // join("", [...]) inside it leaves its IAM checks UNKNOWN (README, Third-party scanners).
  test("a long ARN in a jsonencode document is one string on its line, not a join", () => {
    const wrapped = wrapExpression(POLICY_WITH_LONG_ARN, 3);
    expect(wrapped).not.toContain("join(");
    expect(wrapped.split("\n").map((line) => line.trim())).toContain(LONG_ARN);
  });

  test("a long ARN in a list of jsonencode documents is one string on its line, not a join", () => {
    const wrapped = wrapExpression(`[${POLICY_WITH_LONG_ARN}, ${POLICY_WITH_LONG_ARN}]`, 3);
    expect(wrapped).not.toContain("join(");
    expect(wrapped.split("\n").filter((line) => line.trim() === LONG_ARN)).toHaveLength(2);
  });

  test("the same ARN outside a policy document is still split into a join for its line", () => {
    expect(wrapExpression(`coalesce(var.arn, ${LONG_ARN})`, 3)).toContain('join("", [');
  });
});

describe("the generated HCL modules are readable", () => {
  const hcl = join(__dirname, "..", "..", "modules-out", "hcl");
  // A line holding one string (an ARN in a policy document, kept whole for scanners) is allowed.
  test("no line over 140 characters except description and error_message strings and one-string lines", () => {
    const long: string[] = [];
    for (const module of readdirSync(hcl)) {
      for (const file of readdirSync(join(hcl, module)).filter((name) => name.endsWith(".tf"))) {
        readFileSync(join(hcl, module, file), "utf8")
          .split("\n")
          .forEach((line, index) => {
            const oneString = /^\s*"(?:[^"\\]|\\.)*",?$/.test(line);
            if (line.length > 140 && !oneString && !/^\s*(description|error_message)\s*=/.test(line))
              long.push(`${module}/${file}:${index + 1} (${line.length})`);
          });
      }
    }
    expect(long).toEqual([]);
  });
});
