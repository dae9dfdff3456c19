import { existsSync } from "node:fs";
import { join } from "node:path";
import { stateReadOnlyPolicy, stateRuntimePolicy } from "../../lib/policy/documents/state-access";
import type { ParamValues } from "../../lib/policy/model";
import { renderConcrete, type ConcretePolicy } from "../../lib/policy/render-concrete";
import { applyRootModule, tfDescribe, type ApplyResult } from "../support/terraform";
import { CONFIGS, PARTITION_SAMPLES, valuesFor } from "./state-access-fixtures";
import { POLICIES, checkTable, policiesFor } from "./state-access-tables";

/**
 * Terraform itself evaluates the generated module: a root module calls it with sample values,
 * `terraform apply` (no provider needed) computes the outputs, and they must equal the engine's
 * concrete rendering and pass the simulation tables. Bad input must fail with the validation text.
 */
const PACKAGED = join(__dirname, "..", "..", "modules-out", "hcl", "state-access-policy");

function hclValue(value: ParamValues[string]): string {
  return value === null ? "null" : JSON.stringify(value);
}

/** A root module that calls the module with these values and outputs both policies as objects. */
function applyWith(source: string, values: ParamValues): ApplyResult {
  // dns_suffix is the module's local (derived from partition), not a variable.
  const args = Object.entries(values)
    .filter(([name]) => name !== "dns_suffix")
    .map(([name, value]) => `  ${name} = ${hclValue(value)}`)
    .join("\n");
  return applyRootModule({
    "main.tf": [
      `module "state" {`,
      `  source = "${source}"`,
      args,
      `}`,
      `output "runtime" { value = jsondecode(module.state.runtime_policy_json) }`,
      `output "read_only" { value = jsondecode(module.state.read_only_policy_json) }`,
      "",
    ].join("\n"),
  });
}

const flat = (text: string) => text.replace(/\s+/g, " ");

tfDescribe("terraform evaluates the state-access-policy module", () => {
  // The committed module: modules-out/ is generated, and `npm run diff` fails when it is stale.
  const source = PACKAGED;
  beforeAll(() => {
    if (!existsSync(join(source, "variables.tf")))
      throw new Error(`${source} is missing; run npx cdktf synth`);
  });

  test.each(CONFIGS.map((c) => [c.name, c.features] as const))(
    "with %s the outputs equal the engine's JSON and pass the tables",
    async (_name, features) => {
      const values = valuesFor(features);
      const result = applyWith(source, values);
      expect(result.log).toContain("Apply complete");
      const runtime = result.outputs.runtime as ConcretePolicy;
      const readOnly = result.outputs.read_only as ConcretePolicy;
      expect(runtime).toEqual(renderConcrete(stateRuntimePolicy, values));
      expect(readOnly).toEqual(renderConcrete(stateReadOnlyPolicy, values));
      const [[, , runtimeTable], [, , readOnlyTable]] = POLICIES;
      expect(await checkTable(runtime, runtimeTable, features)).toEqual([]);
      expect(await checkTable(readOnly, readOnlyTable, features)).toEqual([]);
    },
  );

  // One configuration with every feature in each other partition: the module's local dns_suffix and
  // every ARN follow var.partition, and the partition's tables (cross-partition rows denied) hold.
  test.each(
    PARTITION_SAMPLES.filter((sample) => sample.partition !== "aws").map((s) => [s.partition, s] as const),
  )(
    "in partition %s the outputs equal the engine's JSON and pass that partition's tables",
    async (_partition, sample) => {
      const features = ["lockfile", "table", "kms"] as const;
      const values = sample.valuesFor(features);
      const result = applyWith(source, values);
      expect(result.log).toContain("Apply complete");
      const runtime = result.outputs.runtime as ConcretePolicy;
      const readOnly = result.outputs.read_only as ConcretePolicy;
      expect(runtime).toEqual(renderConcrete(stateRuntimePolicy, values));
      expect(readOnly).toEqual(renderConcrete(stateReadOnlyPolicy, values));
      expect(JSON.stringify(runtime)).toContain(`arn:${sample.partition}:s3:::`);
      const [[, , runtimeTable], [, , readOnlyTable]] = policiesFor(sample);
      expect(await checkTable(runtime, runtimeTable, features, sample)).toEqual([]);
      expect(await checkTable(readOnly, readOnlyTable, features, sample)).toEqual([]);
    },
  );

  test("the longest values the size check assumes are accepted by the validation", () => {
    // aws-us-gov: the longest partition, which the size check assumes.
    const govCloud = PARTITION_SAMPLES.find((sample) => sample.partition === "aws-us-gov");
    const longest = {
      ...(govCloud ?? PARTITION_SAMPLES[0]).valuesFor(["lockfile", "table", "kms"]),
      bucket_name: "b".repeat(63),
      state_key_prefix: `${"p".repeat(199)}/`,
    };
    const result = applyWith(source, longest);
    expect(result.ok).toBe(true);
  });

  // prettier-ignore
  const REFUSED: ReadonlyArray<[string, ParamValues, string]> = [
    ["a prefix with a leading slash", { state_key_prefix: "/tz/v1/" },      "state_key_prefix must not start with '/'"],
    ["a prefix with a wildcard",      { state_key_prefix: "tz/*/" },        "state_key_prefix must not contain '*' or '?'"],
    ["a prefix without a final '/'",  { state_key_prefix: "tz/v1" },        "state_key_prefix must end with '/'"],
    ["an upper-case bucket name",     { bucket_name: "TZ-State" },          "bucket_name must be 3-63 characters"],
    ["a bucket name with '..'",       { bucket_name: "tz..state" },         "bucket_name must not contain '..'"],
    ["a KMS alias instead of a key",  { kms_key_arn: "arn:aws:kms:eu-west-1:123456789012:alias/tz-state" }, "kms_key_arn must be null or a KMS key ARN"],
    ["an S3 ARN as the lock table",   { lock_table_arn: "arn:aws:s3:::tz-state" },                          "lock_table_arn must be null or a DynamoDB table ARN"],
    ["an unknown partition",          { partition: "aws-iso" },                                                "The partition must be one of"],
    ["a key of another partition",    { partition: "aws-cn" },                                                 "kms_key_arn must be in the partition given by partition"],
    ["a table in a region outside the partition", { partition: "aws-cn", kms_key_arn: null, lock_table_arn: "arn:aws-cn:dynamodb:eu-west-1:123456789012:table/tz-state-locks" }, "lock_table_arn must be in the partition given by partition"],
  ];

  test.each(REFUSED)("refuses %s with the validation message", (_name, override, message) => {
    const result = applyWith(source, { ...valuesFor(["lockfile", "kms", "table"]), ...override });
    expect(result.ok).toBe(false);
    expect(flat(result.log)).toContain(message);
  });
});
