import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Testing } from "cdktf";
import { parseSettings } from "../../lib/config/load-settings";
import { StateBackendModule } from "../../lib/stacks/state-backend-module";

/** The synthesized module as Terraform JSON, with the shapes the tests read. */
export interface ModuleJson {
  readonly resource: Record<string, Record<string, Record<string, unknown>>>;
  readonly data: Record<string, Record<string, Record<string, unknown>>>;
  readonly locals: Record<string, string>;
  readonly variable: Record<
    string,
    Record<string, unknown> & { validation?: Array<{ condition: string; error_message: string }> }
  >;
  readonly output: Record<string, { value: string; description: string }>;
}

/** Synthesizes the state-backend module stack with the project's own settings. */
export function synthStateBackendModule(): ModuleJson {
  const config = JSON.parse(readFileSync(join(__dirname, "../../cdktf.json"), "utf8")) as {
    context: unknown;
  };
  const app = Testing.app();
  const stack = new StateBackendModule(app, parseSettings(config.context));
  return JSON.parse(Testing.synth(stack)) as ModuleJson;
}

/** `${expr}` -> `expr` (values the construct writes as one raw interpolation). */
export function unwrap(value: unknown): string {
  if (typeof value !== "string" || !value.startsWith("${") || !value.endsWith("}")) {
    throw new Error(`Expected a single "\${...}" expression, got ${JSON.stringify(value)}`);
  }
  return value.slice(2, -1);
}

/** The six configurations the module supports. */
export const ENCRYPTIONS = ["kms", "sse-s3"] as const;
export const LOCK_MODES = ["lockfile", "dynamodb", "both"] as const;
export const COMBINATIONS = ENCRYPTIONS.flatMap((encryption) =>
  LOCK_MODES.map((lockMode) => ({ encryption, lockMode })),
);

/**
 * Stand-ins for what only the AWS provider knows, so that the module's expressions can be
 * evaluated offline: resource attributes become variables of a provider-free configuration.
 */
export const OFFLINE_REFERENCES: ReadonlyArray<[string, string]> = [
  ["one(aws_kms_key.this[*].arn)", "var.kms_key_arn"],
  ["one(aws_kms_key.this[*].key_id)", "var.kms_key_id"],
  ["one(aws_dynamodb_table.this[*].name)", "var.lock_table_name_actual"],
  ["one(aws_dynamodb_table.this[*].arn)", "var.lock_table_arn"],
  ["aws_s3_bucket.this.bucket", "var.bucket_name"],
  ["aws_s3_bucket.this.arn", "var.bucket_arn"],
  ["data.aws_region.current.id", "var.region"],
  ["data.aws_caller_identity.current.account_id", "var.account_id"],
  ["data.aws_partition.current.partition", "var.partition"],
  ["data.aws_partition.current.dns_suffix", "var.dns_suffix"],
];

export function offline(expression: string): string {
  let out = expression;
  for (const [reference, stand] of OFFLINE_REFERENCES) out = out.split(reference).join(stand);
  if (/aws_[a-z0-9_]+\.this|data\.aws_/.test(out)) throw new Error(`Unmapped reference in ${out}`);
  return out;
}

/** Concrete stand-in values, consistent with each other. */
export const SAMPLE = {
  bucketName: "tz-state-123456789012-eu-west-1",
  region: "eu-west-1",
  accountId: "123456789012",
  kmsKeyArn: "arn:aws:kms:eu-west-1:123456789012:key/0f0e0d0c-1111-2222-3333-444455556666",
  kmsKeyId: "0f0e0d0c-1111-2222-3333-444455556666",
  lockTableName: "tz-state-123456789012-eu-west-1-locks",
  lockTableArn: "arn:aws:dynamodb:eu-west-1:123456789012:table/tz-state-123456789012-eu-west-1-locks",
  stateKeyPrefix: "tz/v1/",
  partition: "aws",
  dnsSuffix: "amazonaws.com",
} as const;

/** The partition values the policies are rendered with, as data.aws_partition gives them. */
export const SAMPLE_PARTITION = { partition: SAMPLE.partition, dns_suffix: SAMPLE.dnsSuffix } as const;

/**
 * A provider-free configuration holding the module's own variables and locals, plus variables for
 * the stand-ins. For one combination, the stand-ins of absent resources are null (as `one([])` is).
 */
export function offlineConfig(
  module: ModuleJson,
  combination: { encryption: string; lockMode: string },
): object {
  const kms = combination.encryption === "kms";
  const table = combination.lockMode !== "lockfile";
  const stand = (value: string | null) => ({ type: "string", default: value, nullable: true });
  return {
    variable: {
      ...module.variable,
      kms_key_arn: stand(kms ? SAMPLE.kmsKeyArn : null),
      kms_key_id: stand(kms ? SAMPLE.kmsKeyId : null),
      lock_table_name_actual: stand(table ? SAMPLE.lockTableName : null),
      lock_table_arn: stand(table ? SAMPLE.lockTableArn : null),
      bucket_arn: stand(`arn:aws:s3:::${SAMPLE.bucketName}`),
      region: stand(SAMPLE.region),
      account_id: stand(SAMPLE.accountId),
      partition: stand(SAMPLE.partition),
      dns_suffix: stand(SAMPLE.dnsSuffix),
    },
    locals: module.locals,
  };
}

export function offlineVars(combination: { encryption: string; lockMode: string }): Record<string, string> {
  return {
    bucket_name: SAMPLE.bucketName,
    encryption: combination.encryption,
    lock_mode: combination.lockMode,
    state_key_prefix: SAMPLE.stateKeyPrefix,
  };
}
