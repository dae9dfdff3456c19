import type { ParamValues } from "../../lib/policy/model";
import { defaultKeyPolicy } from "../support/simulate";
import { PARTITION_IDS, partitionValues, type Partition } from "../../lib/naming/partition";

/** A region of each partition, for the sample names (account 123456789012). */
export const SAMPLE_REGIONS: Readonly<Record<Partition, string>> = {
  aws: "eu-west-1",
  "aws-cn": "cn-north-1",
  "aws-us-gov": "us-gov-west-1",
};

const ACCOUNT = "123456789012";
const stateKey = "tz/v1/app/prod/terraform.tfstate";

export type Feature = "lockfile" | "table" | "kms";

/**
 * Sample names and ARNs of one partition, shared by the state-access simulation tables. Every ARN
 * is the partition's (`arn:aws-cn:...` in China); `crossPartition` names the same bucket, table and
 * key in another partition, which the policies must never reach.
 */
export function partitionSample(partition: Partition) {
  const region = SAMPLE_REGIONS[partition];
  const other = PARTITION_IDS.find((id) => id !== partition) as Partition;
  const dnsSuffix = partitionValues(partition).dns_suffix;
  const arn = (p: Partition, rest: string) => `arn:${p}:${rest}`;
  const sample = {
    bucketName: `tz-state-${ACCOUNT}-${region}`,
    prefix: "tz/v1/",
    kmsKeyArn: arn(partition, `kms:${region}:${ACCOUNT}:key/1234abcd-12ab-44cd-a6ef-1234567890ab`),
    lockTableArn: arn(partition, `dynamodb:${region}:${ACCOUNT}:table/tz-state-locks`),
  } as const;
  const bucket = arn(partition, `s3:::${sample.bucketName}`);
  const ARN = {
    bucket,
    otherBucket: arn(partition, "s3:::someone-elses-bucket"),
    state: `${bucket}/${stateKey}`,
    lockFile: `${bucket}/${stateKey}.tflock`,
    /** A non-default workspace with workspace_key_prefix = "tz/v1/env". */
    workspaceState: `${bucket}/tz/v1/env/dev/app/prod/terraform.tfstate`,
    siblingState: `${bucket}/tz/v2/app/prod/terraform.tfstate`,
    siblingLockFile: `${bucket}/tz/v2/app/prod/terraform.tfstate.tflock`,
    /** Shares the text "tz/v1" but is another prefix: why the prefix must end with '/'. */
    lookalikeState: `${bucket}/tz/v1-old/terraform.tfstate`,
    otherBucketState: arn(partition, `s3:::someone-elses-bucket/${stateKey}`),
    table: sample.lockTableArn,
    otherTable: arn(partition, `dynamodb:${region}:${ACCOUNT}:table/other-team-locks`),
    key: sample.kmsKeyArn,
    otherKey: arn(partition, `kms:${region}:${ACCOUNT}:key/0000aaaa-00aa-00aa-00aa-000000000000`),
  } as const;
  /** The same names in another partition. */
  const crossPartition = {
    partition: other,
    bucket: ARN.bucket.replace(`arn:${partition}:`, `arn:${other}:`),
    state: ARN.state.replace(`arn:${partition}:`, `arn:${other}:`),
    table: ARN.table.replace(`arn:${partition}:`, `arn:${other}:`),
    key: ARN.key.replace(`arn:${partition}:`, `arn:${other}:`),
  } as const;
  /** DynamoDB partition keys (LockID) Terraform uses: `<bucket>/<key>` and the digest `<bucket>/<key>-md5`. */
  const LOCK_ID = {
    lock: `${sample.bucketName}/${stateKey}`,
    digest: `${sample.bucketName}/${stateKey}-md5`,
    siblingLock: `${sample.bucketName}/tz/v2/app/prod/terraform.tfstate`,
  } as const;
  /**
   * The key policy AWS creates by default: it delegates to the account's IAM policies. KMS counts an
   * identity policy only when the key policy allows or delegates like this.
   */
  const DELEGATING_KEY_POLICY = defaultKeyPolicy(ACCOUNT, partition);
  /** The module's variables for a configuration. */
  const valuesFor = (features: readonly Feature[]): ParamValues => ({
    ...partitionValues(partition),
    bucket_name: sample.bucketName,
    state_key_prefix: sample.prefix,
    kms_key_arn: features.includes("kms") ? sample.kmsKeyArn : null,
    lock_table_arn: features.includes("table") ? sample.lockTableArn : null,
    use_lockfile: features.includes("lockfile"),
    list_bucket_without_prefix: false,
  });
  return {
    partition,
    region,
    dnsSuffix,
    /** The role the requests are made as, in the partition. */
    principal: arn(partition, `iam::${ACCOUNT}:role/terraform-runtime`),
    SAMPLE: sample,
    ARN,
    crossPartition,
    LOCK_ID,
    DELEGATING_KEY_POLICY,
    /** Request context of an S3 call to KMS on the caller's behalf (S3's endpoint name). */
    VIA_S3: { "kms:ViaService": `s3.${region}.${dnsSuffix}` },
    valuesFor,
  };
}

export type PartitionSample = ReturnType<typeof partitionSample>;

/** Every partition's sample, default partition first. */
export const PARTITION_SAMPLES: readonly PartitionSample[] = PARTITION_IDS.map(partitionSample);

const AWS = partitionSample("aws");
/** The `aws` partition's names, for tests that are not about partitions. */
export const { SAMPLE, ARN, LOCK_ID, DELEGATING_KEY_POLICY, VIA_S3, valuesFor } = AWS;

/** The backend configurations the module supports. */
export const CONFIGS: ReadonlyArray<{ readonly name: string; readonly features: readonly Feature[] }> = [
  { name: "lockfile + KMS (state-backend default)", features: ["lockfile", "kms"] },
  { name: "lockfile + SSE-S3", features: ["lockfile"] },
  { name: "DynamoDB + KMS", features: ["table", "kms"] },
  { name: "lockfile and DynamoDB (migration) + KMS", features: ["lockfile", "table", "kms"] },
  { name: "DynamoDB + SSE-S3", features: ["table"] },
];
