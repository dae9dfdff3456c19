import { parseHclExpression, UnknownValue, wholeInterpolation } from "../../lib/checks/hcl-expression";
import { readPolicyValue } from "../../lib/checks/policy-sources";
import { stackView } from "../../lib/checks/stack-view";
import { renderTerraformExpression } from "../../lib/policy/render-terraform";
import { stateReadOnlyPolicy, stateRuntimePolicy } from "../../lib/policy/documents/state-access";

const BINDINGS = {
  bucket_name: { expression: "var.bucket_name" },
  state_key_prefix: { expression: "var.state_key_prefix" },
  kms_key_arn: { expression: "var.kms_key_arn" },
  lock_table_arn: { expression: "var.lock_table_arn" },
  use_lockfile: { expression: "var.use_lockfile" },
  list_bucket_without_prefix: { expression: "var.list_bucket_without_prefix" },
};

describe("reading rendered policies back", () => {
  it.each([stateRuntimePolicy, stateReadOnlyPolicy])(
    "$id: every statement, guarded or not, comes back",
    (document) => {
      const value = "${" + renderTerraformExpression(document, BINDINGS) + "}";
      const read = readPolicyValue(value, stackView({}));
      expect(read.note).toBeUndefined();
      expect(read.statements?.map((s) => s.sid)).toEqual(document.statements.map((s) => s.sid));
      expect(read.statements?.map((s) => s.actions)).toEqual(document.statements.map((s) => [...s.actions]));
      const list = read.statements?.find((s) => s.sid === "ListStatePrefixOnly");
      expect(list?.resources).toEqual(["arn:aws:s3:::${var.bucket_name}"]);
      expect(list?.conditions.StringLike["s3:prefix"]).toEqual(["${var.state_key_prefix}*"]);
    },
  );

  it("keeps what it cannot evaluate as text", () => {
    expect(parseHclExpression("concat([1], var.extra)")).toEqual(new UnknownValue("concat([1], var.extra)"));
    expect(parseHclExpression("[for s in var.x : s]")).toEqual(new UnknownValue("[for s in var.x : s]"));
    expect(parseHclExpression('{"a" = "${var.x == "y" ? "p" : "q"}"}')).toEqual({
      a: '${var.x == "y" ? "p" : "q"}',
    });
  });

  it("recognises a string that is exactly one interpolation", () => {
    expect(wholeInterpolation("${jsonencode({})}")).toBe("jsonencode({})");
    expect(wholeInterpolation("${var.a}-${var.b}")).toBeUndefined();
    expect(wholeInterpolation("plain")).toBeUndefined();
  });
});
