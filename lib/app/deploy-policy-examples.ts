import type { ConcretePolicy } from "../policy/render-concrete";
import { renderConcrete } from "../policy/render-concrete";
import type { ParamValues } from "../policy/model";
import { deployNameDefaults, derivedDeployNames, ECS_ROLE_BOUNDARY_PARAM } from "../naming/deploy-policies";
import {
  DEFAULT_ECS_TASK_FAMILIES,
  DEFAULT_ECS_WORKLOAD_NAME,
  ecsComputeTaskDefinition,
} from "../naming/ecs-compute";
import { DEFAULT_MIN_PROVISIONER_ROLE_NAME } from "../naming/min-provisioner";
import { deployPolicyDocuments, unionPolicyDocuments } from "../constructs/deploy-policies";
import { DEPLOY_PROFILE_IDS } from "../permissions/deploy-profile";

/** The example environment (settings.examples) the concrete policies are rendered for. */
export interface ExampleEnvironment {
  readonly environmentName: string;
  readonly accountId: string;
  readonly region: string;
}

/**
 * Deploy-policy parameter values for an environment, with every name at its default and no ECS
 * role boundary; `families` fills the task definition ARNs as the module builds them.
 */
export function deployParamValues(
  env: ExampleEnvironment,
  families: readonly string[] = DEFAULT_ECS_TASK_FAMILIES,
): ParamValues {
  const defaults = deployNameDefaults(env);
  const derived = derivedDeployNames(defaults);
  return {
    environment_name: env.environmentName,
    account_id: env.accountId,
    region: env.region,
    state_bucket_name: defaults.stateBucketName,
    state_key_alias_name: derived.stateKeyAliasName,
    lock_table_name: defaults.lockTableName,
    aurora_cluster_identifier: defaults.auroraClusterIdentifier,
    min_provisioner_role_name: DEFAULT_MIN_PROVISIONER_ROLE_NAME,
    ecs_workload_name: DEFAULT_ECS_WORKLOAD_NAME,
    ecs_task_definition_arns: families.map(
      (family) => ecsComputeTaskDefinition(env.environmentName, family, env.region, env.accountId).arn,
    ),
    [ECS_ROLE_BOUNDARY_PARAM]: null,
  };
}

/**
 * Concrete deploy policies for modules-out/policies/: one per profile (`deploy-<profile>`) and the
 * split union (`deploy-least-privileged-<n>`), in a stable order.
 */
export function deployPolicyExamples(env: ExampleEnvironment): Array<{ id: string; policy: ConcretePolicy }> {
  const values = deployParamValues(env);
  const documents = deployPolicyDocuments();
  return [...DEPLOY_PROFILE_IDS.map((id) => documents[id]), ...unionPolicyDocuments()].map((document) => ({
    id: document.id,
    policy: renderConcrete(document, values),
  }));
}
