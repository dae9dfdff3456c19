import { PARTITION } from "./partition";
import type { NamedThing } from "./state-backend";

/**
 * Seed 004's orchestra ECS compute names, each leading `*` replaced by the environment name so
 * that one environment's grants never match another's resources.
 */
export function ecsComputeCluster(env: string, region: string, accountId: string): NamedThing {
  const name = `${env}-orchestra-compute-cluster-*`;
  return { name, arn: `arn:${PARTITION}:ecs:${region}:${accountId}:cluster/${name}` };
}

/** Task definition families (seed 004's `*dbt_core*` and `*python*`); the ARN covers every revision. */
export function ecsComputeTaskDefinitions(env: string, region: string, accountId: string): NamedThing[] {
  return ["dbt_core", "python"].map((kind) => {
    const name = `${env}-${kind}*`;
    return { name, arn: `arn:${PARTITION}:ecs:${region}:${accountId}:task-definition/${name}:*` };
  });
}

/** The three role families: execution role, task roles, compute roles. */
export function ecsComputeRoles(env: string, accountId: string): NamedThing[] {
  return [
    `${env}-orchestra-ecs-execution-role-*`,
    `${env}-orchestra-task-*-*`,
    `${env}-orchestra-compute-*`,
  ].map((name) => ({ name, arn: `arn:${PARTITION}:iam::${accountId}:role/${name}` }));
}

/** Each role's managed policy is `<role name>-policy`; plus seed 004's secrets-reading policy. */
export function ecsComputePolicies(env: string, accountId: string): NamedThing[] {
  return [
    ...ecsComputeRoles(env, accountId).map((role) => `${role.name}-policy`),
    `${env}-orchestra-ecs-get-secrets-*`,
  ].map((name) => ({ name, arn: `arn:${PARTITION}:iam::${accountId}:policy/${name}` }));
}

/** Every orchestra policy of the environment: what its roles may have attached. */
export function ecsComputeAttachablePolicies(env: string, accountId: string): NamedThing {
  const name = `${env}-orchestra-*`;
  return { name, arn: `arn:${PARTITION}:iam::${accountId}:policy/${name}` };
}

/** AWS's managed policy the execution role attaches. */
export const ECS_TASK_EXECUTION_MANAGED_POLICY_ARN = `arn:${PARTITION}:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy`;

export function ecsComputeBuckets(env: string): NamedThing[] {
  return [`${env}-orchestra-secrets-*`, `${env}-orchestra-artifacts-*`].map((name) => ({
    name,
    arn: `arn:${PARTITION}:s3:::${name}`,
  }));
}

export function ecsComputeLogGroups(env: string, region: string, accountId: string): NamedThing {
  const name = `/${env}-orchestra/ecs-*`;
  return { name, arn: `arn:${PARTITION}:logs:${region}:${accountId}:log-group:${name}` };
}

/** Seed 004's key aliases (`*_integration_*_*`). */
export function ecsComputeKeyAliases(env: string, region: string, accountId: string): NamedThing {
  const name = `alias/${env}_integration_*_*`;
  return { name, arn: `arn:${PARTITION}:kms:${region}:${accountId}:${name}` };
}
