import { definePolicy, type PolicyDocument } from "../model";
import { AWS_RULES } from "../../naming/aws-rules";
import { STATE_PARAMS, stateBucket, stateLockObjects, stateObjects } from "../../naming/state-backend";

/** Named action sets (not literals scattered in code). */
export const STATE_ACTIONS = {
  list: ["s3:ListBucket"],
  readState: ["s3:GetObject"],
  writeState: ["s3:PutObject"],
  releaseLockFile: ["s3:DeleteObject"],
  tableLock: ["dynamodb:DescribeTable", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:DeleteItem"],
  kmsData: ["kms:Decrypt", "kms:GenerateDataKey"],
  kmsDecrypt: ["kms:Decrypt"],
} as const;

const { bucketName, stateKeyPrefix, kmsKeyArn, lockTableArn } = STATE_PARAMS;

const PARAMS: PolicyDocument["params"] = {
  bucket_name: { type: "string", longest: "b".repeat(AWS_RULES.bucketName.maxLength) },
  state_key_prefix: { type: "string", longest: `${"p".repeat(AWS_RULES.stateKeyPrefix.maxLength - 1)}/` },
  kms_key_arn: {
    type: "string",
    nullable: true,
    longest: `arn:aws:kms:${"r".repeat(AWS_RULES.region.maxLength)}:123456789012:key/${"k".repeat(36)}`,
  },
  lock_table_arn: {
    type: "string",
    nullable: true,
    longest: `arn:aws:dynamodb:${"r".repeat(AWS_RULES.region.maxLength)}:123456789012:table/${"t".repeat(255)}`,
  },
  use_lockfile: { type: "bool", longest: true },
};

const listPrefix = {
  sid: "ListStatePrefixOnly",
  effect: "Allow",
  actions: STATE_ACTIONS.list,
  resources: [stateBucket(bucketName).arn],
  conditions: { StringLike: { "s3:prefix": [`${stateKeyPrefix}*`] } },
} as const;

const kmsThroughS3 = (sid: string, actions: readonly string[]) =>
  ({
    sid,
    effect: "Allow",
    actions,
    resources: [kmsKeyArn],
    conditions: {
      StringLike: {
        "kms:ViaService": ["s3.*.amazonaws.com"],
        "kms:EncryptionContext:aws:s3:arn": [
          stateBucket(bucketName).arn,
          stateObjects(bucketName, stateKeyPrefix).arn,
        ],
      },
    },
    guards: [{ param: "kms_key_arn", is: "set" }],
  }) as const;

const tableLock = {
  sid: "LockTableItemsOnly",
  effect: "Allow",
  actions: STATE_ACTIONS.tableLock,
  resources: [lockTableArn],
  guards: [{ param: "lock_table_arn", is: "set" }],
} as const;

const lockFileRelease = {
  sid: "ReleaseLockFilesOnly",
  effect: "Allow",
  actions: STATE_ACTIONS.releaseLockFile,
  resources: [stateLockObjects(bucketName, stateKeyPrefix).arn],
  guards: [{ param: "use_lockfile", is: "true" }],
} as const;

/** Apply: read and write state under one prefix, take and release locks, use the key through S3. */
export const stateRuntimePolicy: PolicyDocument = definePolicy({
  id: "state-runtime",
  description: "Runtime (apply) access to Terraform state under one key prefix of the state bucket.",
  kind: "identity",
  params: PARAMS,
  statements: [
    listPrefix,
    {
      sid: "ReadWriteStateObjectsOnly",
      effect: "Allow",
      actions: [...STATE_ACTIONS.readState, ...STATE_ACTIONS.writeState],
      resources: [stateObjects(bucketName, stateKeyPrefix).arn],
    },
    lockFileRelease,
    tableLock,
    kmsThroughS3("UseStateKeyThroughS3Only", STATE_ACTIONS.kmsData),
  ],
});

/** Plan: read state under one prefix; write only lock files (plan takes the state lock). */
export const stateReadOnlyPolicy: PolicyDocument = definePolicy({
  id: "state-read-only",
  description: "Read-only (plan) access to Terraform state under one key prefix, plus what locking needs.",
  kind: "identity",
  params: PARAMS,
  statements: [
    listPrefix,
    {
      sid: "ReadStateObjectsOnly",
      effect: "Allow",
      actions: STATE_ACTIONS.readState,
      resources: [stateObjects(bucketName, stateKeyPrefix).arn],
    },
    {
      sid: "WriteLockFilesOnly",
      effect: "Allow",
      actions: [...STATE_ACTIONS.readState, ...STATE_ACTIONS.writeState, ...STATE_ACTIONS.releaseLockFile],
      resources: [stateLockObjects(bucketName, stateKeyPrefix).arn],
      guards: [{ param: "use_lockfile", is: "true" }],
    },
    tableLock,
    kmsThroughS3("UseStateKeyThroughS3Only", STATE_ACTIONS.kmsData),
  ],
});
