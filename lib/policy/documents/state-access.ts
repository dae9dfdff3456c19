import { definePolicy, type PolicyDocument, type PolicyStatement } from "../model";
import { AWS_RULES } from "../../naming/aws-rules";
import { STATE_PARAMS, stateBucket, stateLockObjects, stateObjects } from "../../naming/state-backend";

/**
 * Access to Terraform state under one key prefix (seed 002's shape), for what Terraform's S3
 * backend really calls:
 * - state: GetObject (read, incl. HeadObject) and PutObject (write) on `<key>`; a normal run never
 *   deletes a state object (only `terraform workspace delete` does, see the module README);
 * - workspaces: ListObjectsV2 (s3:ListBucket) with `Prefix = <workspace_key_prefix>/`, so the
 *   listing is allowed only under the state prefix (set workspace_key_prefix inside it);
 * - S3 lockfile (use_lockfile): PutObject `<key>.tflock` (conditional, If-None-Match), GetObject
 *   to read who holds it, DeleteObject to release it. `plan` takes the lock too;
 * - DynamoDB lock: PutItem/GetItem/DeleteItem on the item `LockID = <bucket>/<key>`; the consistency
 *   digest lives at `<bucket>/<key>-md5` (read by every run, written by apply, deleted only by
 *   `terraform workspace delete`, an administrator's job). `dynamodb:LeadingKeys` keeps a shared
 *   table's other items out. DescribeTable, listed by HashiCorp's backend docs, is never called by
 *   Terraform 1.11's backend (recorded in test/backend-proof), so it is not granted;
 * - KMS (SSE-KMS): PutObject needs GenerateDataKey, GetObject needs Decrypt, both called by S3 on
 *   the caller's behalf (kms:ViaService).
 * - Terraform 1.11 writes every lock file with `If-None-Match: *`, so plan may create a lock file only
 *   that way (`s3:if-none-match`): a plan role can never overwrite someone else's lock.
 * Not granted: s3:GetObjectVersion (seed 002 has it; Terraform never reads old versions, recovery
 * is an administrator's job), dynamodb:UpdateItem (never called), kms:Encrypt/DescribeKey.
 */

/** Named action sets (not literals scattered in code). */
export const STATE_ACTIONS = {
  list: ["s3:ListBucket"],
  readObject: ["s3:GetObject"],
  writeObject: ["s3:PutObject"],
  deleteObject: ["s3:DeleteObject"],
  readItem: ["dynamodb:GetItem"],
  writeItem: ["dynamodb:PutItem"],
  deleteItem: ["dynamodb:DeleteItem"],
  kmsDecrypt: ["kms:Decrypt"],
  kmsGenerateDataKey: ["kms:GenerateDataKey"],
} as const;

const { bucketName, stateKeyPrefix, kmsKeyArn, lockTableArn } = STATE_PARAMS;

/** DynamoDB lock and digest items of states under the prefix: `LockID = <bucket>/<key>[-md5]`. */
const lockItemIds = `${bucketName}/${stateKeyPrefix}*`;
/** Digest items (`<bucket>/<key>-md5`): written only by runs that write state. */
const digestItemIds = `${bucketName}/${stateKeyPrefix}*-md5`;

/** The variables' contract; `longest` is what their validation allows (worst-case size). */
export const STATE_ACCESS_PARAMS: PolicyDocument["params"] = {
  bucket_name: { type: "string", longest: "b".repeat(AWS_RULES.bucketName.maxLength) },
  state_key_prefix: { type: "string", longest: `${"p".repeat(AWS_RULES.stateKeyPrefix.maxLength - 1)}/` },
  kms_key_arn: {
    type: "string",
    nullable: true,
    longest: `arn:aws:kms:${"r".repeat(AWS_RULES.region.maxLength)}:123456789012:key/mrk-${"0".repeat(32)}`,
  },
  lock_table_arn: {
    type: "string",
    nullable: true,
    longest: `arn:aws:dynamodb:${"r".repeat(AWS_RULES.region.maxLength)}:123456789012:table/${"t".repeat(AWS_RULES.lockTableName.maxLength)}`,
  },
  use_lockfile: { type: "bool", longest: true },
  list_bucket_without_prefix: { type: "bool", longest: true },
};

const withLockfile = [{ param: "use_lockfile", is: "true" }] as const;
const withTable = [{ param: "lock_table_arn", is: "set" }] as const;
const withKey = [{ param: "kms_key_arn", is: "set" }] as const;

const listPrefix: PolicyStatement = {
  sid: "ListStatePrefixOnly",
  effect: "Allow",
  actions: STATE_ACTIONS.list,
  resources: [stateBucket(bucketName).arn],
  conditions: { StringLike: { "s3:prefix": [`${stateKeyPrefix}*`] } },
};

/**
 * Fallback, off by default: s3:ListBucket on the whole bucket. S3 answers a read of a missing key
 * with 404 only if the caller may list the bucket, else 403; AWS does not say whether a grant
 * scoped by `s3:prefix` counts for that decision. If it does not, Terraform's first `init` on a new
 * key fails with 403, and this statement (which also lets the role see every key name in the
 * bucket, not their content) is the way out.
 */
const listWholeBucket: PolicyStatement = {
  sid: "ListBucketForMissingKeys",
  effect: "Allow",
  actions: STATE_ACTIONS.list,
  resources: [stateBucket(bucketName).arn],
  guards: [{ param: "list_bucket_without_prefix", is: "true" }],
};

/** Lock items only, never the `-md5` digests (deleting those is `terraform workspace delete`). */
const releaseLockItems = (sid: string): PolicyStatement => ({
  sid,
  effect: "Allow",
  actions: STATE_ACTIONS.deleteItem,
  resources: [lockTableArn],
  conditions: {
    "ForAllValues:StringLike": { "dynamodb:LeadingKeys": [lockItemIds] },
    "ForAllValues:StringNotLike": { "dynamodb:LeadingKeys": [digestItemIds] },
  },
  guards: withTable,
});

/**
 * The key, used only by S3 on the caller's behalf. S3 calls KMS only for requests it has already
 * authorized, and the S3 statements allow objects under the prefix only, so the prefix bounds what
 * the key decrypts. (An `kms:EncryptionContext:aws:s3:arn` condition would repeat that bound, but
 * iam-simulate cannot evaluate colon-variable keys, and an unprovable condition is not added.)
 */
const kmsThroughS3 = (
  sid: string,
  actions: readonly string[],
  guards: PolicyStatement["guards"],
): PolicyStatement => ({
  sid,
  effect: "Allow",
  actions,
  resources: [kmsKeyArn],
  conditions: { StringLike: { "kms:ViaService": ["s3.*.amazonaws.com"] } },
  guards,
});

/** Apply: read and write state under one prefix, take and release locks, use the key through S3. */
export const stateRuntimePolicy: PolicyDocument = definePolicy({
  id: "state-runtime",
  description: "Runtime (apply) access to Terraform state under one key prefix of the state bucket.",
  kind: "identity",
  params: STATE_ACCESS_PARAMS,
  statements: [
    listPrefix,
    listWholeBucket,
    {
      sid: "ReadWriteStateObjectsOnly",
      effect: "Allow",
      actions: [...STATE_ACTIONS.readObject, ...STATE_ACTIONS.writeObject],
      resources: [stateObjects(bucketName, stateKeyPrefix).arn],
    },
    {
      sid: "ReleaseLockFilesOnly",
      effect: "Allow",
      actions: STATE_ACTIONS.deleteObject,
      resources: [stateLockObjects(bucketName, stateKeyPrefix).arn],
      guards: withLockfile,
    },
    {
      sid: "LockAndDigestItemsUnderPrefixOnly",
      effect: "Allow",
      actions: [...STATE_ACTIONS.readItem, ...STATE_ACTIONS.writeItem],
      resources: [lockTableArn],
      conditions: { "ForAllValues:StringLike": { "dynamodb:LeadingKeys": [lockItemIds] } },
      guards: withTable,
    },
    releaseLockItems("ReleaseLockItemsOnly"),
    kmsThroughS3(
      "UseStateKeyThroughS3Only",
      [...STATE_ACTIONS.kmsDecrypt, ...STATE_ACTIONS.kmsGenerateDataKey],
      withKey,
    ),
  ],
});

/** Plan: read state under one prefix; write only what locking needs (plan takes the state lock). */
export const stateReadOnlyPolicy: PolicyDocument = definePolicy({
  id: "state-read-only",
  description: "Read-only (plan) access to Terraform state under one key prefix, plus what locking needs.",
  kind: "identity",
  params: STATE_ACCESS_PARAMS,
  statements: [
    listPrefix,
    listWholeBucket,
    {
      sid: "ReadStateObjectsOnly",
      effect: "Allow",
      actions: STATE_ACTIONS.readObject,
      resources: [stateObjects(bucketName, stateKeyPrefix).arn],
    },
    {
      sid: "TakeFreeLockFilesOnly",
      effect: "Allow",
      actions: STATE_ACTIONS.writeObject,
      resources: [stateLockObjects(bucketName, stateKeyPrefix).arn],
      conditions: { StringEquals: { "s3:if-none-match": "*" } },
      guards: withLockfile,
    },
    {
      sid: "ReleaseLockFilesOnly",
      effect: "Allow",
      actions: STATE_ACTIONS.deleteObject,
      resources: [stateLockObjects(bucketName, stateKeyPrefix).arn],
      guards: withLockfile,
    },
    {
      sid: "ReadLockAndDigestItemsUnderPrefixOnly",
      effect: "Allow",
      actions: STATE_ACTIONS.readItem,
      resources: [lockTableArn],
      conditions: { "ForAllValues:StringLike": { "dynamodb:LeadingKeys": [lockItemIds] } },
      guards: withTable,
    },
    {
      sid: "TakeLockItemsOnly",
      effect: "Allow",
      actions: STATE_ACTIONS.writeItem,
      resources: [lockTableArn],
      conditions: {
        "ForAllValues:StringLike": { "dynamodb:LeadingKeys": [lockItemIds] },
        "ForAllValues:StringNotLike": { "dynamodb:LeadingKeys": [digestItemIds] },
      },
      guards: withTable,
    },
    releaseLockItems("ReleaseLockItemsOnly"),
    kmsThroughS3("DecryptStateThroughS3Only", STATE_ACTIONS.kmsDecrypt, withKey),
    kmsThroughS3("EncryptLockFilesThroughS3Only", STATE_ACTIONS.kmsGenerateDataKey, [
      ...withKey,
      ...withLockfile,
    ]),
  ],
});
