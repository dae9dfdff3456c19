import { PARTITION } from "./partition";
import type { NamedThing } from "./state-backend";

/**
 * ECS compute names (seed 004's orchestra module), each prefixed by the environment so that one
 * environment's grants never match another's. The workload name and the task families are inputs
 * (seed 004's values by default), so a second team deploys its own workload with its own names.
 */
export const DEFAULT_ECS_WORKLOAD_NAME = "orchestra";
export const DEFAULT_ECS_TASK_FAMILIES: readonly string[] = ["dbt_core", "python"];

/**
 * The workload name: valid inside bucket, IAM, ECS cluster and log group names. At most 16
 * characters so that every deploy policy fits 6,144 characters.
 */
export const ECS_WORKLOAD_NAME_RULE = {
  pattern: "^[a-z][a-z0-9-]*[a-z0-9]$",
  maxLength: 16,
  rule: "2-16 characters: lowercase letters, digits and '-', starting with a letter and not ending with '-' (names are <environment_name>-<ecs_workload_name>-...)",
} as const;

/** A task definition family (ECS allows letters, digits, '_' and '-'); count and length cap the policy size. */
export const ECS_TASK_FAMILY_RULE = {
  pattern: "^[A-Za-z0-9_-]+$",
  maxLength: 20,
  maxCount: 3,
  rule: "1 to 3 task definition family names of 1-20 characters: letters, digits, '_' and '-' (each family is <environment_name>-<family>*)",
} as const;

/** A managed policy ARN a permissions boundary may name; at most 140 characters (the size budget). */
export const ECS_ROLE_BOUNDARY_RULE = {
  pattern: "^arn:aws(-cn|-us-gov)?:iam::([0-9]{12}|aws):policy/[A-Za-z0-9+=,.@_/-]+$",
  maxLength: 140,
  rule: "a managed policy ARN (arn:aws:iam::<account_id>:policy/<name> or arn:aws:iam::aws:policy/<name>) of at most 140 characters",
} as const;

export function ecsComputeCluster(
  env: string,
  workload: string,
  region: string,
  accountId: string,
): NamedThing {
  const name = `${env}-${workload}-compute-cluster-*`;
  return { name, arn: `arn:${PARTITION}:ecs:${region}:${accountId}:cluster/${name}` };
}

/** One task definition family (seed 004's `*dbt_core*`, `*python*`); the ARN covers every revision. */
export function ecsComputeTaskDefinition(
  env: string,
  family: string,
  region: string,
  accountId: string,
): NamedThing {
  const name = `${env}-${family}*`;
  return { name, arn: `arn:${PARTITION}:ecs:${region}:${accountId}:task-definition/${name}:*` };
}

/**
 * The workload's roles: seed 004's execution role, task roles and compute roles
 * (`<env>-orchestra-ecs-execution-role-*`, `-task-*-*`, `-compute-*`) all start with
 * `<env>-<workload>-`, one pattern for the three, which keeps the policy within 6,144 characters.
 */
export function ecsComputeRoles(env: string, workload: string, accountId: string): NamedThing {
  const name = `${env}-${workload}-*`;
  return { name, arn: `arn:${PARTITION}:iam::${accountId}:role/${name}` };
}

/**
 * The workload's managed policies: each role's `<role name>-policy` and seed 004's secrets-reading
 * `<env>-orchestra-ecs-get-secrets-*`, all under `<env>-<workload>-`; the roles may have only
 * these (and AWS's execution-role policy) attached.
 */
export function ecsComputePolicies(env: string, workload: string, accountId: string): NamedThing {
  const name = `${env}-${workload}-*`;
  return { name, arn: `arn:${PARTITION}:iam::${accountId}:policy/${name}` };
}

/** AWS's managed policy the execution role attaches. */
export const ECS_TASK_EXECUTION_MANAGED_POLICY_ARN = `arn:${PARTITION}:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy`;

export function ecsComputeBuckets(env: string, workload: string): NamedThing[] {
  return [`${env}-${workload}-secrets-*`, `${env}-${workload}-artifacts-*`].map((name) => ({
    name,
    arn: `arn:${PARTITION}:s3:::${name}`,
  }));
}

export function ecsComputeLogGroups(
  env: string,
  workload: string,
  region: string,
  accountId: string,
): NamedThing {
  const name = `/${env}-${workload}/ecs-*`;
  return { name, arn: `arn:${PARTITION}:logs:${region}:${accountId}:log-group:${name}` };
}

/** Seed 004's key aliases (`*_integration_*_*`). */
export function ecsComputeKeyAliases(env: string, region: string, accountId: string): NamedThing {
  const name = `alias/${env}_integration_*_*`;
  return { name, arn: `arn:${PARTITION}:kms:${region}:${accountId}:${name}` };
}
