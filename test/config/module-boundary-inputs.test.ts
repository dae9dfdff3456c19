import { readFileSync } from "node:fs";
import { join } from "node:path";

/** The regex a generated module's variable validation applies to `variable`, as Terraform reads it. */
function validationRegex(module: string, variable: string): RegExp {
  const text = readFileSync(join(__dirname, "../../modules-out/hcl", module, "variables.tf"), "utf8");
  const block = text.slice(text.indexOf(`variable "${variable}" {`));
  const body = block.slice(0, block.indexOf("\n}\n"));
  // `regex("<pattern>", ...)`, or `regex(join("", ["<part>", ...]), ...)` for long patterns.
  const call = /regex\(([\s\S]*?)\n?\s*(?:var\.|arn\n)/.exec(body)?.[1];
  const literals = call?.match(/"(?:[^"\\\n]|\\.)*"/g) ?? [];
  const parts = literals.map((part) => JSON.parse(part) as string).filter((part) => part !== "");
  if (parts.length === 0) throw new Error(`${module}: no regex validation on ${variable}`);
  return new RegExp(parts.join(""));
}

// Issue 24 item 8: `arn:aws-evil:...` passed the modules' boundary and principal validations.
describe.each([
  ["min-provisioner", "permissions_boundary_arn", "iam::aws:policy/Boundary"],
  ["deploy-policies", "ecs_role_permissions_boundary_arn", "iam::123456789012:policy/Boundary"],
  ["min-provisioner", "trusted_principal_arns", "iam::123456789012:role/ci"],
])("generated %s variable %s", (module, variable, rest) => {
  const regex = validationRegex(module, variable);
  it.each(["aws", "aws-cn", "aws-us-gov"])("accepts partition %s", (partition) => {
    expect(regex.test(`arn:${partition}:${rest}`)).toBe(true);
  });
  it.each(["aws-evil", "aws-iso", "aws-cn-x"])("refuses partition %s", (partition) => {
    expect(regex.test(`arn:${partition}:${rest}`)).toBe(false);
  });
});

describe("generated min-provisioner variable trusted_principal_arns", () => {
  const regex = validationRegex("min-provisioner", "trusted_principal_arns");
  it("refuses a role name of 65 characters, accepts 64 (IAM's limit)", () => {
    expect(regex.test(`arn:aws:iam::123456789012:role/ci/${"r".repeat(64)}`)).toBe(true);
    expect(regex.test(`arn:aws:iam::123456789012:role/ci/${"r".repeat(65)}`)).toBe(false);
    expect(regex.test(`arn:aws:iam::123456789012:user/${"u".repeat(65)}`)).toBe(false);
  });
});
