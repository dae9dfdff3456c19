import { DEPLOY_PARAMS } from "../../naming/deploy-policies";
import { kmsKeyPattern, lockTable, stateBucket, stateKeyAlias } from "../../naming/state-backend";
import type { DeclaredResource } from "../derive";
import type { DeployProfile } from "../deploy-profile";

const { environmentName, accountId, region, stateBucketName, stateKeyAliasName, lockTableName } =
  DEPLOY_PARAMS;

/** The bucket's settings are separate Terraform resources, each authorized against the bucket. */
export const BUCKET_SETTING_TYPES = [
  "aws_s3_bucket_versioning",
  "aws_s3_bucket_public_access_block",
  "aws_s3_bucket_ownership_controls",
  "aws_s3_bucket_server_side_encryption_configuration",
  "aws_s3_bucket_lifecycle_configuration",
] as const;

const bucketArn = stateBucket(stateBucketName).arn;

/**
 * Everything the state-backend module creates (seed 002's bootstrap): the bucket and its settings,
 * the bucket policy, the KMS key and its alias, the DynamoDB lock table. No state object access:
 * deploying the backend never reads or writes state.
 */
export const stateBackendProfile: DeployProfile = {
  id: "state_backend",
  description:
    "Deploy the state-backend module: state bucket and settings, its KMS key and alias, the lock table.",
  derive: {
    sidPrefix: "State",
    environment: environmentName,
    region,
    resources: [
      ...(["aws_s3_bucket", "aws_s3_bucket_policy", ...BUCKET_SETTING_TYPES] as const).map(
        (type): DeclaredResource => ({ type, arn: bucketArn }),
      ),
      {
        type: "aws_kms_key",
        arn: kmsKeyPattern(region, accountId),
        tagScoped: true,
        keyAliases: [stateKeyAlias(stateKeyAliasName)],
      },
      {
        type: "aws_kms_alias",
        arn: `arn:aws:kms:${region}:${accountId}:${stateKeyAlias(stateKeyAliasName)}`,
      },
      { type: "aws_dynamodb_table", arn: lockTable(lockTableName, region, accountId).arn },
    ],
  },
};
