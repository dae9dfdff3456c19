import { definePolicy, type PolicyDocument } from "../model";
import { param } from "../../hcl/template";
import { AWS_RULES } from "../../naming/aws-rules";
import { stateBucket } from "../../naming/state-backend";
import { DNS_SUFFIX, PARTITION, PARTITION_LONGEST } from "../../naming/partition";

/** Placeholders of the key policy, named like the module values they are bound to. */
export const STATE_KEY_POLICY_PARAMS = {
  accountId: param("account_id"),
  region: param("region"),
  bucketName: param("bucket_name"),
} as const;

const { accountId, region, bucketName } = STATE_KEY_POLICY_PARAMS;

/** Named action sets of the key policy. */
export const STATE_KEY_ACTIONS = {
  /** AWS's default key policy statement: lets IAM policies of the account grant use of the key. */
  accountDelegation: ["kms:*"],
  /** Every operation that encrypts or decrypts data with the key. */
  dataUse: [
    "kms:Encrypt",
    "kms:Decrypt",
    "kms:ReEncryptFrom",
    "kms:ReEncryptTo",
    "kms:GenerateDataKey",
    "kms:GenerateDataKeyWithoutPlaintext",
    "kms:GenerateDataKeyPair",
    "kms:GenerateDataKeyPairWithoutPlaintext",
  ],
  createGrant: ["kms:CreateGrant"],
} as const;

/**
 * The services that may use the key for their callers: the state bucket and the lock table, named
 * by their endpoints (`amazonaws.com.cn` in China).
 */
const viaS3 = `s3.${region}.${DNS_SUFFIX}`;
const viaServices = [viaS3, `dynamodb.${region}.${DNS_SUFFIX}`];
const bucketArn = stateBucket(bucketName).arn;

/**
 * The state key's policy. The account-root statement is AWS's recommended delegation (without it
 * the key can become unmanageable); it is the only `kms:*`. Everything else narrows: data use only
 * through S3 or DynamoDB (never a direct Decrypt), through S3 only for the state bucket, and
 * grants only for AWS resources (DynamoDB creates one for the lock table).
 */
export const stateKeyPolicy: PolicyDocument = definePolicy({
  id: "state-key",
  description:
    "Key policy of the state KMS key: account delegation, data use only through S3/DynamoDB for the state bucket.",
  kind: "key",
  params: {
    partition: { type: "string", longest: PARTITION_LONGEST.partition },
    dns_suffix: { type: "string", longest: PARTITION_LONGEST.dns_suffix },
    account_id: { type: "string", longest: "1".repeat(AWS_RULES.accountId.maxLength) },
    region: { type: "string", longest: "r".repeat(AWS_RULES.region.maxLength) },
    bucket_name: { type: "string", longest: "b".repeat(AWS_RULES.bucketName.maxLength) },
  },
  statements: [
    {
      sid: "EnableIamPoliciesOfAccount",
      effect: "Allow",
      principal: { AWS: [`arn:${PARTITION}:iam::${accountId}:root`] },
      actions: STATE_KEY_ACTIONS.accountDelegation,
      resources: ["*"],
    },
    {
      // Service principals (no kms:ViaService) are exempt so that AWS's own background use works.
      sid: "DenyDataUseOutsideS3AndDynamoDb",
      effect: "Deny",
      principal: "*",
      actions: STATE_KEY_ACTIONS.dataUse,
      resources: ["*"],
      conditions: {
        StringNotEquals: { "kms:ViaService": viaServices },
        Bool: { "aws:PrincipalIsAWSService": "false" },
      },
    },
    {
      sid: "DenyS3UseForOtherBuckets",
      effect: "Deny",
      principal: "*",
      actions: STATE_KEY_ACTIONS.dataUse,
      resources: ["*"],
      conditions: {
        StringEquals: { "kms:ViaService": [viaS3] },
        StringNotLike: { "kms:EncryptionContext:aws:s3:arn": [bucketArn, `${bucketArn}/*`] },
      },
    },
    {
      sid: "DenyGrantsExceptForAwsResources",
      effect: "Deny",
      principal: "*",
      actions: STATE_KEY_ACTIONS.createGrant,
      resources: ["*"],
      conditions: { Bool: { "kms:GrantIsForAWSResource": "false" } },
    },
  ],
});
