import { synthStateBackendModule } from "./state-backend-fixture";
import { requireTerraform, terraformConsole, tfTest } from "../support/terraform";

const synthesized = synthStateBackendModule();
/** A provider-free configuration with only the module's variables: validation runs offline. */
const variablesOnly = { variable: synthesized.variable };
const REQUIRED = { bucket_name: "tz-state-123456789012-eu-west-1" };

/** Terraform's error text for these values, or "" when every validation passes. */
function validationErrors(terraformPath: string, vars: Record<string, string>): string {
  const { stderr } = terraformConsole(terraformPath, variablesOnly, "var.bucket_name", {
    ...REQUIRED,
    ...vars,
  });
  return stderr.replace(/\s+/g, " ");
}

// Split from state-backend-variables.test.ts: the tests that run terraform (the in-process ones stay there).
describe("state-backend variables: Terraform rejects bad values at plan time (terraform console)", () => {
  tfTest("the defaults and a good bucket name pass every validation", () => {
    const terraform = requireTerraform();
    expect(validationErrors(terraform, {})).toBe("");
    expect(
      validationErrors(terraform, { lock_table_name: "tz-state-locks", state_key_prefix: "tz/v1/" }),
    ).toBe("");
  });

  tfTest.each([
    ["bucket_name", "Bad_Bucket", "The bucket_name must be 3-63 characters"],
    ["bucket_name", "a".repeat(64), "The bucket_name must be 3-63 characters"],
    ["encryption", "aes", 'The encryption must be one of "kms", "sse-s3".'],
    ["lock_mode", "redis", 'The lock_mode must be one of "lockfile", "dynamodb", "both".'],
    ["lock_table_name", "ab", "The lock_table_name must be 3-255 characters"],
    ["noncurrent_version_expiration_days", "0", "must be a whole number of days, at least 1."],
    ["noncurrent_version_expiration_days", "-5", "must be a whole number of days, at least 1."],
    ["noncurrent_version_expiration_days", "1.5", "must be a whole number of days, at least 1."],
    ["state_key_prefix", "/tz/v1/", "The state_key_prefix must be a key prefix without a leading '/'"],
    ["state_key_prefix", "tz/*/", "The state_key_prefix must be a key prefix without a leading '/'"],
    ["state_key_prefix", "tz/v1", "The state_key_prefix must be a key prefix without a leading '/'"],
  ])("%s = %j is refused with: %s", (name, value, message) => {
    const terraform = requireTerraform();
    const errors = validationErrors(terraform, { [name]: value });
    expect(errors).toContain("Invalid value for variable");
    expect(errors).toContain(message);
  });
});
