import { App, Testing } from "cdktf";
import type { Settings } from "../../lib/config/schema";
import { StateAccessPolicyModule } from "../../lib/stacks/state-access-policy-module";

interface Synthesized {
  provider?: unknown;
  resource?: unknown;
  data?: unknown;
  variable: Record<string, { type: string; default?: unknown; validation?: unknown[] }>;
  output: Record<string, { value: string }>;
}

const synth = (): Synthesized =>
  JSON.parse(Testing.synth(new StateAccessPolicyModule(Testing.app() as App, {} as Settings))) as Synthesized;

describe("state-access-policy module", () => {
  test("is provider-free: only variables and outputs", () => {
    const json = synth();
    expect(json.provider).toBeUndefined();
    expect(json.resource).toBeUndefined();
    expect(json.data).toBeUndefined();
  });

  test("has the contract's inputs with their defaults and validation blocks", () => {
    const { variable } = synth();
    expect(Object.keys(variable).sort()).toEqual(
      [
        "bucket_name",
        "kms_key_arn",
        "lock_table_arn",
        "state_key_prefix",
        "use_lockfile",
        "list_bucket_without_prefix",
        "partition",
      ].sort(),
    );
    expect(variable.kms_key_arn.default).toBeNull();
    expect(variable.lock_table_arn.default).toBeNull();
    expect(variable.use_lockfile).toMatchObject({ type: "bool", default: true });
    expect(variable.partition).toMatchObject({ type: "string", default: "aws" });
    // The 404-vs-403 fallback widens s3:ListBucket to the whole bucket: off unless asked for.
    expect(variable.list_bucket_without_prefix).toMatchObject({
      type: "bool",
      default: false,
      nullable: false,
    });
    expect(variable.state_key_prefix.validation).toHaveLength(4);
    expect(variable.bucket_name.validation).toHaveLength(2);
  });

  test("outputs both policies as jsonencode over variables only", () => {
    const { output } = synth();
    for (const name of ["runtime_policy_json", "read_only_policy_json"]) {
      expect(output[name].value).toMatch(/^\$\{jsonencode\(/);
      expect(output[name].value).not.toMatch(/\b(aws_|data\.|module\.)/);
    }
  });
});
