import type { ParamValues } from "../../lib/policy/model";
import type { ConcretePolicy } from "../../lib/policy/render-concrete";

/** Sample names shared by the state-access simulation tables (account 123456789012, eu-west-1). */
export const SAMPLE = {
  bucketName: "tz-state-123456789012-eu-west-1",
  prefix: "tz/v1/",
  kmsKeyArn: "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-44cd-a6ef-1234567890ab",
  lockTableArn: "arn:aws:dynamodb:eu-west-1:123456789012:table/tz-state-locks",
} as const;

const bucket = `arn:aws:s3:::${SAMPLE.bucketName}`;
const stateKey = "tz/v1/app/prod/terraform.tfstate";

/** ARNs and ids the tables name, so a row reads like a sentence. */
export const ARN = {
  bucket,
  otherBucket: "arn:aws:s3:::someone-elses-bucket",
  state: `${bucket}/${stateKey}`,
  lockFile: `${bucket}/${stateKey}.tflock`,
  /** A non-default workspace with workspace_key_prefix = "tz/v1/env". */
  workspaceState: `${bucket}/tz/v1/env/dev/app/prod/terraform.tfstate`,
  siblingState: `${bucket}/tz/v2/app/prod/terraform.tfstate`,
  siblingLockFile: `${bucket}/tz/v2/app/prod/terraform.tfstate.tflock`,
  /** Shares the text "tz/v1" but is another prefix: why the prefix must end with '/'. */
  lookalikeState: `${bucket}/tz/v1-old/terraform.tfstate`,
  otherBucketState: `arn:aws:s3:::someone-elses-bucket/${stateKey}`,
  table: SAMPLE.lockTableArn,
  otherTable: "arn:aws:dynamodb:eu-west-1:123456789012:table/other-team-locks",
  key: SAMPLE.kmsKeyArn,
  otherKey: "arn:aws:kms:eu-west-1:123456789012:key/0000aaaa-00aa-00aa-00aa-000000000000",
} as const;

/** DynamoDB partition keys (LockID) Terraform uses: `<bucket>/<key>` and the digest `<bucket>/<key>-md5`. */
export const LOCK_ID = {
  lock: `${SAMPLE.bucketName}/${stateKey}`,
  digest: `${SAMPLE.bucketName}/${stateKey}-md5`,
  siblingLock: `${SAMPLE.bucketName}/tz/v2/app/prod/terraform.tfstate`,
} as const;

export type Feature = "lockfile" | "table" | "kms";

/** The backend configurations the module supports. */
export const CONFIGS: ReadonlyArray<{ readonly name: string; readonly features: readonly Feature[] }> = [
  { name: "lockfile + KMS (state-backend default)", features: ["lockfile", "kms"] },
  { name: "lockfile + SSE-S3", features: ["lockfile"] },
  { name: "DynamoDB + KMS", features: ["table", "kms"] },
  { name: "lockfile and DynamoDB (migration) + KMS", features: ["lockfile", "table", "kms"] },
  { name: "DynamoDB + SSE-S3", features: ["table"] },
];

/** The module's variables for a configuration. */
export function valuesFor(features: readonly Feature[]): ParamValues {
  return {
    bucket_name: SAMPLE.bucketName,
    state_key_prefix: SAMPLE.prefix,
    kms_key_arn: features.includes("kms") ? SAMPLE.kmsKeyArn : null,
    lock_table_arn: features.includes("table") ? SAMPLE.lockTableArn : null,
    use_lockfile: features.includes("lockfile"),
    list_bucket_without_prefix: false,
  };
}

/**
 * The key policy AWS creates by default: it delegates to the account's IAM policies. KMS counts an
 * identity policy only when the key policy allows or delegates like this.
 */
export const DELEGATING_KEY_POLICY: ConcretePolicy = {
  Version: "2012-10-17",
  Statement: [
    {
      Sid: "EnableIamPolicies",
      Effect: "Allow",
      Principal: { AWS: ["arn:aws:iam::123456789012:root"] },
      Action: ["kms:*"],
      Resource: ["*"],
    },
  ],
};

/** Request context of an S3 call to KMS on the caller's behalf. */
export const VIA_S3 = { "kms:ViaService": "s3.eu-west-1.amazonaws.com" } as const;
