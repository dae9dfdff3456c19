import { definePolicy, type PolicyDocument } from "../model";
import { param } from "../../hcl/template";
import { AWS_RULES } from "../../naming/aws-rules";
import { stateBucket } from "../../naming/state-backend";
import { PARTITION_LONGEST } from "../../naming/partition";

/** The encryption algorithms S3 accepts in `x-amz-server-side-encryption`, named once. */
export const SSE_ALGORITHMS = { kms: "aws:kms", sseS3: "AES256" } as const;

/** Placeholders of the bucket policy, named like the module values they are bound to. */
export const STATE_BUCKET_POLICY_PARAMS = {
  bucketName: param("bucket_name"),
  /** The algorithm the bucket encrypts with: `aws:kms` (KMS mode) or `AES256` (SSE-S3 mode). */
  sseAlgorithm: param("sse_algorithm"),
  /** The state key's ARN in KMS mode; null in SSE-S3 mode (then the key statements drop out). */
  kmsKeyArn: param("kms_key_arn"),
} as const;

const { bucketName, sseAlgorithm, kmsKeyArn } = STATE_BUCKET_POLICY_PARAMS;
const bucketArn = stateBucket(bucketName).arn;
const objectsArn = `${bucketArn}/*`;

/** Everything S3 does: only ever denied, for requests that are not over TLS. */
const ALL_S3_ACTIONS = ["s3:*"] as const;
const PUT_OBJECT = ["s3:PutObject"] as const;

const kmsModeOnly = [{ param: "kms_key_arn", is: "set" }] as const;

/**
 * The state bucket's resource policy. Deny-only: who may read and write state is decided by identity
 * policies (see state-access.ts). A put that names no encryption gets the bucket's default
 * encryption, so it is never denied here: Terraform's lock files may be written without a header.
 */
export const stateBucketPolicy: PolicyDocument = definePolicy({
  id: "state-bucket",
  description:
    "Bucket policy of the Terraform state bucket: TLS only, and no put may ask for an encryption other than the bucket's.",
  kind: "bucket",
  params: {
    partition: { type: "string", longest: PARTITION_LONGEST.partition },
    bucket_name: { type: "string", longest: "b".repeat(AWS_RULES.bucketName.maxLength) },
    sse_algorithm: { type: "string", longest: SSE_ALGORITHMS.kms },
    kms_key_arn: {
      type: "string",
      nullable: true,
      longest: `arn:${PARTITION_LONGEST.partition}:kms:${"r".repeat(AWS_RULES.region.maxLength)}:123456789012:key/${"k".repeat(36)}`,
    },
  },
  statements: [
    {
      sid: "DenyInsecureTransport",
      effect: "Deny",
      principal: "*",
      actions: ALL_S3_ACTIONS,
      resources: [bucketArn, objectsArn],
      conditions: { Bool: { "aws:SecureTransport": "false" } },
    },
    {
      // Header present and different from the bucket's algorithm (absent header: default applies).
      sid: "DenyOtherEncryptionKind",
      effect: "Deny",
      principal: "*",
      actions: PUT_OBJECT,
      resources: [objectsArn],
      conditions: {
        StringNotEquals: { "s3:x-amz-server-side-encryption": sseAlgorithm },
        Null: { "s3:x-amz-server-side-encryption": "false" },
      },
    },
    {
      // SSE-C sends a different header, so the statement above would not see it.
      sid: "DenyCustomerProvidedKeys",
      effect: "Deny",
      principal: "*",
      actions: PUT_OBJECT,
      resources: [objectsArn],
      conditions: { Null: { "s3:x-amz-server-side-encryption-customer-algorithm": "false" } },
    },
    {
      sid: "DenyOtherKmsKey",
      effect: "Deny",
      principal: "*",
      actions: PUT_OBJECT,
      resources: [objectsArn],
      conditions: {
        StringNotEquals: { "s3:x-amz-server-side-encryption-aws-kms-key-id": kmsKeyArn },
        Null: { "s3:x-amz-server-side-encryption-aws-kms-key-id": "false" },
      },
      guards: kmsModeOnly,
    },
    {
      // `aws:kms` without a key id would encrypt with the AWS managed key aws/s3, not the state key.
      sid: "DenyKmsWithoutStateKey",
      effect: "Deny",
      principal: "*",
      actions: PUT_OBJECT,
      resources: [objectsArn],
      conditions: {
        StringEquals: { "s3:x-amz-server-side-encryption": SSE_ALGORITHMS.kms },
        Null: { "s3:x-amz-server-side-encryption-aws-kms-key-id": "true" },
      },
      guards: kmsModeOnly,
    },
  ],
});
