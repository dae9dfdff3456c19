import { AWS_RULES, satisfies } from "../../lib/naming/aws-rules";
import { DEFAULT_STATE_KEY_PREFIX } from "../../lib/stacks/state-backend-module";
import { synthStateBackendModule, unwrap } from "./state-backend-fixture";

const synthesized = synthStateBackendModule();

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
