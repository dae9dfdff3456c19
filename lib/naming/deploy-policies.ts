import { param } from "../hcl/template";
import { AWS_RULES } from "./aws-rules";
import { AURORA_IDENTIFIER_RULE, auroraClusterIdentifier } from "./aurora";
import { defaultLockTableName, stateBucketName, stateKeyAliasName } from "./state-backend";
import { MIN_PROVISIONER_ROLE_NAME_MAX } from "./min-provisioner";
import {
  ECS_ROLE_BOUNDARY_RULE,
  ECS_TASK_FAMILY_RULE,
  ECS_WORKLOAD_NAME_RULE,
  ecsComputeTaskDefinition,
} from "./ecs-compute";

/**
 * Regions as the deploy-policies module accepts them: AWS's rule, capped at 16 characters (the
 * longest region today, e.g. ap-southeast-5, has 14) so that every policy fits 6,144 characters.
 */
export const DEPLOY_REGION_RULE = {
  pattern: AWS_RULES.region.pattern,
  maxLength: 16,
  rule: "an AWS region name such as eu-west-1 or ap-southeast-2 (at most 16 characters)",
} as const;

/** The nullable parameter of the ECS roles' permissions boundary (it also guards statements). */
export const ECS_ROLE_BOUNDARY_PARAM = "ecs_role_permissions_boundary_arn";

/**
 * The parameters of the deploy policies, named like the deploy-policies module's variables, with
 * the longest value each variable's validation allows (for the worst-case size).
 */
export const DEPLOY_PARAMS = {
  environmentName: param("environment_name"),
  accountId: param("account_id"),
  region: param("region"),
  stateBucketName: param("state_bucket_name"),
  /** The state key's alias name: the bucket name with '-' for '.' (derived, not a variable). */
  stateKeyAliasName: param("state_key_alias_name"),
  lockTableName: param("lock_table_name"),
  auroraClusterIdentifier: param("aurora_cluster_identifier"),
  minProvisionerRoleName: param("min_provisioner_role_name"),
  ecsWorkloadName: param("ecs_workload_name"),
  /** A list: one task definition ARN per family (built by the module from `ecs_task_families`). */
  ecsTaskDefinitionArns: param("ecs_task_definition_arns"),
} as const;

const LONGEST_ENVIRONMENT = "e".repeat(AWS_RULES.environmentName.maxLength);
const LONGEST_REGION = `${"r".repeat(DEPLOY_REGION_RULE.maxLength - 2)}-1`;
const BOUNDARY_ARN_PREFIX = "arn:aws:iam::123456789012:policy/";

export const DEPLOY_PARAM_LONGEST: Readonly<Record<string, string | readonly string[]>> = {
  environment_name: LONGEST_ENVIRONMENT,
  account_id: "123456789012",
  region: LONGEST_REGION,
  state_bucket_name: "b".repeat(AWS_RULES.bucketName.maxLength),
  state_key_alias_name: "b".repeat(AWS_RULES.bucketName.maxLength),
  lock_table_name: "t".repeat(AWS_RULES.lockTableName.maxLength),
  aurora_cluster_identifier: "a".repeat(AURORA_IDENTIFIER_RULE.maxLength),
  min_provisioner_role_name: "m".repeat(MIN_PROVISIONER_ROLE_NAME_MAX),
  ecs_workload_name: "w".repeat(ECS_WORKLOAD_NAME_RULE.maxLength),
  ecs_task_definition_arns: Array.from(
    { length: ECS_TASK_FAMILY_RULE.maxCount },
    () =>
      ecsComputeTaskDefinition(
        LONGEST_ENVIRONMENT,
        "f".repeat(ECS_TASK_FAMILY_RULE.maxLength),
        LONGEST_REGION,
        "123456789012",
      ).arn,
  ),
  [ECS_ROLE_BOUNDARY_PARAM]: `${BOUNDARY_ARN_PREFIX}${"p".repeat(ECS_ROLE_BOUNDARY_RULE.maxLength - BOUNDARY_ARN_PREFIX.length)}`,
};

/**
 * Defaults of the optional names: the bucket from the environment (seed 002's convention), the lock
 * table as the state-backend module names it from the bucket.
 */
export function deployNameDefaults(env: { environmentName: string; accountId: string; region: string }) {
  const bucket = stateBucketName(env);
  return {
    stateBucketName: bucket,
    lockTableName: defaultLockTableName(bucket),
    auroraClusterIdentifier: auroraClusterIdentifier(env.environmentName),
  };
}

/** Names the deploy policies derive from other names, exactly as the modules derive them. */
export function derivedDeployNames(names: { stateBucketName: string }) {
  return { stateKeyAliasName: stateKeyAliasName(names.stateBucketName) };
}
