import { renderConcrete } from "../../lib/policy/render-concrete";
import { stateBucketPolicy } from "../../lib/policy/documents/state-bucket-policy";
import { stateKeyPolicy } from "../../lib/policy/documents/state-key-policy";
import { stateRuntimePolicy } from "../../lib/policy/documents/state-access";
import {
  COMBINATIONS,
  SAMPLE,
  SAMPLE_PARTITION,
  offline,
  offlineConfig,
  offlineVars,
  synthStateBackendModule,
  unwrap,
  type ModuleJson,
} from "./state-backend-fixture";
import { evaluateJson, requireTerraform, tfTest } from "../support/terraform";

const synthesized: ModuleJson = synthStateBackendModule();
const resource = (type: string): Record<string, unknown> => {
  const found = synthesized.resource[type]?.this;
  if (!found) throw new Error(`${type}.this is missing from the module`);
  return found;
};

// Split from state-backend-module.test.ts: the tests that run terraform (the in-process ones stay there).
describe("state-backend module: mode switches (locals and counts)", () => {
  const expected = (encryption: string, lockMode: string) => ({
    kms_key_count: encryption === "kms" ? 1 : 0,
    kms_alias_count: encryption === "kms" ? 1 : 0,
    lock_table_count: lockMode === "lockfile" ? 0 : 1,
    sse_algorithm: encryption === "kms" ? "aws:kms" : "AES256",
    bucket_key_enabled: encryption === "kms",
    use_lockfile: lockMode !== "dynamodb",
  });

  tfTest.each(COMBINATIONS)(
    "Terraform evaluates counts and switches for $encryption / $lockMode",
    ({ encryption, lockMode }) => {
      const terraform = requireTerraform();
      const sse = resource("aws_s3_bucket_server_side_encryption_configuration").rule as Array<
        Record<string, unknown>
      >;
      const expression = `{
      kms_key_count = ${unwrap(resource("aws_kms_key").count)}
      kms_alias_count = ${unwrap(resource("aws_kms_alias").count)}
      lock_table_count = ${unwrap(resource("aws_dynamodb_table").count)}
      sse_algorithm = local.sse_algorithm
      bucket_key_enabled = ${unwrap(sse[0].bucket_key_enabled)}
      use_lockfile = local.use_lockfile
    }`
        .replace(/\n\s*/g, ", ")
        .replace("{, ", "{")
        .replace(", }", "}");
      const value = evaluateJson(
        terraform,
        offlineConfig(synthesized, { encryption, lockMode }),
        expression,
        offlineVars({ encryption, lockMode }),
      );
      expect(value).toEqual(expected(encryption, lockMode));
    },
  );
});

describe("state-backend module: policies in the module are the documents we prove", () => {
  const valuesFor = (encryption: string) => ({
    ...SAMPLE_PARTITION,
    bucket_name: SAMPLE.bucketName,
    sse_algorithm: encryption === "kms" ? "aws:kms" : "AES256",
    kms_key_arn: encryption === "kms" ? SAMPLE.kmsKeyArn : null,
  });

  tfTest.each(COMBINATIONS)(
    "bucket policy for $encryption / $lockMode equals stateBucketPolicy rendered concretely",
    ({ encryption, lockMode }) => {
      const terraform = requireTerraform();
      const expression = offline(unwrap(resource("aws_s3_bucket_policy").policy));
      const value = evaluateJson(
        terraform,
        offlineConfig(synthesized, { encryption, lockMode }),
        `jsondecode(${expression})`,
        offlineVars({ encryption, lockMode }),
      );
      expect(value).toEqual(renderConcrete(stateBucketPolicy, valuesFor(encryption)));
    },
  );

  tfTest("key policy equals stateKeyPolicy rendered concretely", () => {
    const terraform = requireTerraform();
    const combination = { encryption: "kms", lockMode: "lockfile" };
    const expression = offline(unwrap(resource("aws_kms_key").policy));
    const value = evaluateJson(
      terraform,
      offlineConfig(synthesized, combination),
      `jsondecode(${expression})`,
      offlineVars(combination),
    );
    expect(value).toEqual(
      renderConcrete(stateKeyPolicy, {
        ...SAMPLE_PARTITION,
        account_id: SAMPLE.accountId,
        region: SAMPLE.region,
        bucket_name: SAMPLE.bucketName,
      }),
    );
  });

  tfTest.each(COMBINATIONS)(
    "runtime_policy_json for $encryption / $lockMode equals stateRuntimePolicy for this bucket, key and table",
    ({ encryption, lockMode }) => {
      const terraform = requireTerraform();
      const expression = offline(unwrap(synthesized.output.runtime_policy_json.value));
      const value = evaluateJson(
        terraform,
        offlineConfig(synthesized, { encryption, lockMode }),
        `jsondecode(${expression})`,
        offlineVars({ encryption, lockMode }),
      );
      expect(value).toEqual(
        renderConcrete(stateRuntimePolicy, {
          ...SAMPLE_PARTITION,
          bucket_name: SAMPLE.bucketName,
          state_key_prefix: SAMPLE.stateKeyPrefix,
          kms_key_arn: encryption === "kms" ? SAMPLE.kmsKeyArn : null,
          lock_table_arn: lockMode === "lockfile" ? null : SAMPLE.lockTableArn,
          use_lockfile: lockMode !== "dynamodb",
          list_bucket_without_prefix: false,
        }),
      );
    },
  );
});
