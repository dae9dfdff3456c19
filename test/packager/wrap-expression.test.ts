import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { wrapExpression } from "../../lib/hcl/wrap-expression";

const LONG_POLICY =
  'jsonencode({"Version" = "2012-10-17", "Statement" = concat([{"Sid" = "A", "Effect" = "Allow", "Action" = ["s3:GetObject", "s3:PutObject"], "Resource" = ["arn:aws:s3:::${var.bucket}/${var.prefix}*"]}], var.key != null ? [{"Sid" = "K", "Effect" = "Allow", "Action" = ["kms:Decrypt"], "Resource" = [var.key], "Condition" = {"StringLike" = {"kms:ViaService" = ["s3.*.amazonaws.com"]}}}] : [])})';
const LONG_CHAIN =
  'length(var.bucket) >= 3 && length(var.bucket) <= 63 && can(regex("^[a-z0-9][a-z0-9.-]*[a-z0-9]$", var.bucket)) && !startswith(var.bucket, "xn--")';
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

describe("the generated HCL modules are readable", () => {
  const hcl = join(__dirname, "..", "..", "modules-out", "hcl");
  test("no line over 140 characters except description and error_message strings", () => {
    const long: string[] = [];
    for (const module of readdirSync(hcl)) {
      for (const file of readdirSync(join(hcl, module)).filter((name) => name.endsWith(".tf"))) {
        readFileSync(join(hcl, module, file), "utf8")
          .split("\n")
          .forEach((line, index) => {
            if (line.length > 140 && !/^\s*(description|error_message)\s*=/.test(line))
              long.push(`${module}/${file}:${index + 1} (${line.length})`);
          });
      }
    }
    expect(long).toEqual([]);
  });
});
