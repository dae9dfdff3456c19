import { stateRuntimePolicy } from "../../lib/policy/documents/state-access";
import { renderTerraformExpression } from "../../lib/policy/render-terraform";

/**
 * A guard bound to a literal `true`/`false` is decided when rendering: a module that does not offer
 * an option (state-backend and the 404-vs-403 fallback) gets no dead `false ? [...] : []` branch.
 */
const bindings = (listWholeBucket: string) => ({
  partition: { expression: "var.partition" },
  dns_suffix: { expression: "local.dns_suffix" },
  bucket_name: { expression: "var.bucket_name" },
  state_key_prefix: { expression: "var.state_key_prefix" },
  kms_key_arn: { expression: "var.kms_key_arn" },
  lock_table_arn: { expression: "var.lock_table_arn" },
  use_lockfile: { expression: "var.use_lockfile" },
  list_bucket_without_prefix: { expression: listWholeBucket },
});

describe("renderTerraformExpression with literal guard bindings", () => {
  test("a statement guarded on a literal false is left out", () => {
    const hcl = renderTerraformExpression(stateRuntimePolicy, bindings("false"));
    expect(hcl).not.toContain("ListBucketForMissingKeys");
    expect(hcl).not.toMatch(/\bfalse \?/);
  });

  test("a statement guarded on a literal true is always included, without a condition", () => {
    const hcl = renderTerraformExpression(stateRuntimePolicy, bindings("true"));
    expect(hcl).toContain('"Sid" = "ListBucketForMissingKeys"');
    expect(hcl).not.toMatch(/\btrue \?/);
  });

  test("a statement guarded on a variable stays conditional", () => {
    const hcl = renderTerraformExpression(stateRuntimePolicy, bindings("var.list_bucket_without_prefix"));
    expect(hcl).toMatch(/var\.list_bucket_without_prefix \? \[\{ ?"Sid" = "ListBucketForMissingKeys"/);
  });
});
