import { AWS_RULES, satisfies } from "../../lib/naming/aws-rules";
import { DEFAULT_STATE_KEY_PREFIX } from "../../lib/stacks/state-backend-module";
import { synthStateBackendModule, unwrap } from "./state-backend-fixture";
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

describe("state-backend variables: interface", () => {
  test("every variable has a description and a type; the contract's defaults", () => {
    for (const [name, variable] of Object.entries(synthesized.variable)) {
      expect({ name, description: typeof variable.description }).toEqual({ name, description: "string" });
      expect({ name, type: typeof variable.type }).toEqual({ name, type: "string" });
    }
    expect(synthesized.variable.bucket_name.default).toBeUndefined();
    expect(synthesized.variable.encryption).toMatchObject({
      type: "string",
      default: "kms",
      nullable: false,
    });
    expect(synthesized.variable.lock_mode).toMatchObject({
      type: "string",
      default: "lockfile",
      nullable: false,
    });
    expect(synthesized.variable.lock_table_name).toMatchObject({ type: "string", default: null });
    expect(synthesized.variable.noncurrent_version_expiration_days).toMatchObject({
      type: "number",
      default: 90,
    });
    expect(synthesized.variable.state_key_prefix).toMatchObject({
      type: "string",
      default: DEFAULT_STATE_KEY_PREFIX,
    });
    expect(synthesized.variable.tags).toMatchObject({ type: "map(string)", default: {} });
    expect(satisfies("stateKeyPrefix", DEFAULT_STATE_KEY_PREFIX)).toBe(true);
  });

  test.each([
    ["bucket_name", "bucketName"],
    ["lock_table_name", "lockTableName"],
    ["state_key_prefix", "stateKeyPrefix"],
  ] as const)(
    "%s is validated with aws-rules' %s pattern and length, and the message states the rule",
    (name, rule) => {
      const [validation] = synthesized.variable[name].validation ?? [];
      const condition = unwrap(validation.condition);
      expect(condition).toContain(`regex(${JSON.stringify(AWS_RULES[rule].pattern)}, var.${name})`);
      expect(condition).toContain(`length(var.${name}) <= ${AWS_RULES[rule].maxLength}`);
      expect(validation.error_message).toContain(AWS_RULES[rule].rule);
    },
  );
});

describe("state-backend variables: the aws-rules patterns they use", () => {
  test.each([
    ["bucketName", "tz-state-123456789012-eu-west-1", true],
    ["bucketName", "my.bucket.name", true],
    ["bucketName", "Upper-Case", false],
    ["bucketName", "ab", false],
    ["bucketName", "a".repeat(64), false],
    ["bucketName", "-starts-with-dash", false],
    ["lockTableName", "tz-state-locks", true],
    ["lockTableName", "ab", false],
    ["lockTableName", "has space", false],
    ["stateKeyPrefix", "tz/v1/", true],
    ["stateKeyPrefix", "/tz/v1/", false],
    ["stateKeyPrefix", "tz/*/", false],
    ["stateKeyPrefix", "tz/v1", false],
  ] as const)("%s %j -> %s", (rule, value, ok) => {
    expect(satisfies(rule, value)).toBe(ok);
  });
});

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
