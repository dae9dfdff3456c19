import { PARTITION } from "../../naming/partition";
import { DEPLOY_PARAMS } from "../../naming/deploy-policies";
import { kmsKeyPattern, lockTable, stateBucket, stateKeyAlias } from "../../naming/state-backend";
import { CATALOGUE } from "../catalogue";
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
 * How the deploy policy names each resource type the state-backend module creates, with the
 * module's own naming (lib/naming). Its keys must be exactly the resource types of the module's
 * synthesized stack (test/permissions/state-backend-profile.test.ts), so a resource the module
 * gains cannot be missing from its deploy policy.
 */
export const STATE_BACKEND_RESOURCE_NAMES: Readonly<Record<string, Omit<DeclaredResource, "type">>> = {
  aws_s3_bucket: { arn: bucketArn },
  aws_s3_bucket_policy: { arn: bucketArn },
  ...Object.fromEntries(BUCKET_SETTING_TYPES.map((type) => [type, { arn: bucketArn }])),
  // Only the state bucket logs its access (access_log_bucket_name); seed 004's buckets do not.
  aws_s3_bucket_logging: { arn: bucketArn },
  aws_kms_key: {
    arn: kmsKeyPattern(region, accountId),
    tagScoped: true,
    keyAliases: [stateKeyAlias(stateKeyAliasName)],
  },
  aws_kms_alias: { arn: `arn:${PARTITION}:kms:${region}:${accountId}:${stateKeyAlias(stateKeyAliasName)}` },
  aws_dynamodb_table: { arn: lockTable(lockTableName, region, accountId).arn },
};

/**
 * The declared resources for the given Terraform types (the module's synthesized ones). A type
 * without a name here or without a catalogue entry is an error that says where to add it.
 */
export function stateBackendResources(types: readonly string[]): DeclaredResource[] {
  return types.map((type) => {
    const named = STATE_BACKEND_RESOURCE_NAMES[type];
    if (!CATALOGUE[type] || !named) {
      throw new Error(
        `The state-backend module creates ${type}, which ${CATALOGUE[type] ? "" : "the permission catalogue (lib/permissions/catalogue.ts) and "}STATE_BACKEND_RESOURCE_NAMES (lib/permissions/profiles/state-backend.ts) do not cover; add it there so its deploy policy grants it.`,
      );
    }
    return { type, ...named };
  });
}

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
    resources: stateBackendResources(Object.keys(STATE_BACKEND_RESOURCE_NAMES)),
  },
};
