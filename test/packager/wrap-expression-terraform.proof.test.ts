import { wrapExpression } from "../../lib/hcl/wrap-expression";
import {
  removeRootModule,
  requireTerraform,
  terraformApply,
  tfTest,
  writeRootModule,
} from "../support/terraform";

const LONG_POLICY =
  'jsonencode({"Version" = "2012-10-17", "Statement" = concat([{"Sid" = "A", "Effect" = "Allow", "Action" = ["s3:GetObject", "s3:PutObject"], "Resource" = ["arn:aws:s3:::${var.bucket}/${var.prefix}*"]}], var.key != null ? [{"Sid" = "K", "Effect" = "Allow", "Action" = ["kms:Decrypt"], "Resource" = [var.key], "Condition" = {"StringLike" = {"kms:ViaService" = ["s3.*.amazonaws.com"]}}}] : [])})';
const LONG_CHAIN =
  'length(var.bucket) >= 3 && length(var.bucket) <= 63 && can(regex("^[a-z0-9][a-z0-9.-]*[a-z0-9]$", var.bucket)) && !startswith(var.bucket, "xn--")';
// A policy whose ARN is longer than a line: kept whole inside jsonencode (scanners read it).
const POLICY_WITH_LONG_ARN =
  'jsonencode({"Version" = "2012-10-17", "Statement" = [{"Sid" = "A", "Effect" = "Allow", "Action" = ["s3:DeleteObject"], "Resource" = ["arn:aws:s3:::${var.bucket}/${var.prefix}state/locks/of/every/workspace/${var.bucket}/*.tflock"]}]})';
const LONG_LITERAL =
  'can(regex("^arn:aws(-[a-z]+)*:(iam::[0-9]{12}:(root|(user|role)(/[A-Za-z0-9+=,.@_-]+)+)|sts::[0-9]{12}:assumed-role/[A-Za-z0-9+=,.@_-]+/[A-Za-z0-9+=,.@_-]+)$", var.principal))';

const VARIABLES = `
variable "bucket" {
  default = "tz-state-123456789012-eu-west-1"
}
variable "prefix" {
  default = "tz/v1/"
}
variable "key" {
  default = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-44cd-a6ef-1234567890ab"
}
variable "principal" {
  default = "arn:aws:iam::123456789012:role/platform-ci"
}
`;

// Split from wrap-expression.test.ts: the tests that run terraform (the in-process ones stay there).
describe("wrapExpression", () => {
  tfTest("Terraform evaluates each wrapped expression to the same value as the original", () => {
    const outputs = [LONG_POLICY, LONG_CHAIN, LONG_LITERAL, POLICY_WITH_LONG_ARN]
      .map(
        (expression, index) =>
          `output "original_${index}" {\n  value = ${expression}\n}\noutput "wrapped_${index}" {\n  value = ${wrapExpression(expression, 3)}\n}\n`,
      )
      .join("\n");
    const root = writeRootModule({ "main.tf": VARIABLES + outputs });
    try {
      const result = terraformApply(requireTerraform(), root);
      expect(result.log).not.toContain("Error");
      for (const index of [0, 1, 2, 3]) {
        expect(result.outputs[`wrapped_${index}`]).toEqual(result.outputs[`original_${index}`]);
      }
      expect(result.outputs.original_1).toBe(true);
      expect(result.outputs.original_2).toBe(true);
      expect(wrapExpression(POLICY_WITH_LONG_ARN, 3)).not.toContain("join(");
    } finally {
      removeRootModule(root);
    }
  });
});
