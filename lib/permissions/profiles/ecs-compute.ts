import { DEPLOY_PARAMS, ECS_ROLE_BOUNDARY_PARAM } from "../../naming/deploy-policies";
import {
  ECS_TASK_EXECUTION_MANAGED_POLICY_ARN,
  ecsComputeBuckets,
  ecsComputeCluster,
  ecsComputeKeyAliases,
  ecsComputeLogGroups,
  ecsComputePolicies,
  ecsComputeRoles,
} from "../../naming/ecs-compute";
import { kmsKeyPattern } from "../../naming/state-backend";
import type { DeclaredResource } from "../derive";
import type { DeployProfile } from "../deploy-profile";
import { BUCKET_SETTING_TYPES } from "./state-backend";

const {
  environmentName: env,
  accountId,
  region,
  ecsWorkloadName: workload,
  ecsTaskDefinitionArns,
} = DEPLOY_PARAMS;

/** The service that runs tasks; the only one task and execution roles may be passed to. */
export const ECS_TASKS_SERVICE = "ecs-tasks.amazonaws.com";

const roles = ecsComputeRoles(env, workload, accountId);
const policies = ecsComputePolicies(env, workload, accountId);

/** Seed 004's ECS compute module (workload name and task families are inputs), prefixed by the environment. */
export const ecsComputeProfile: DeployProfile = {
  id: "ecs_compute",
  description:
    "Deploy the ECS compute module of one workload (seed 004's orchestra by default): cluster, task definitions, task/execution roles and policies, buckets, log groups, KMS key.",
  derive: {
    sidPrefix: "Ecs",
    environment: env,
    region,
    resources: [
      { type: "aws_ecs_cluster", arn: ecsComputeCluster(env, workload, region, accountId).arn },
      // One ARN per task family: a list the module builds from ecs_task_families (lib/naming).
      { type: "aws_ecs_task_definition", arn: ecsTaskDefinitionArns },
      {
        type: "aws_iam_role",
        arn: roles.arn,
        passedToService: ECS_TASKS_SERVICE,
        permissionsBoundaryParam: ECS_ROLE_BOUNDARY_PARAM,
      },
      {
        type: "aws_iam_role_policy_attachment",
        arn: roles.arn,
        // The workload's own policies and AWS's execution-role policy: never AdministratorAccess
        // or another environment's or workload's policy.
        attachablePolicyArns: [policies.arn, ECS_TASK_EXECUTION_MANAGED_POLICY_ARN],
      },
      { type: "aws_iam_policy", arn: policies.arn },
      ...ecsComputeBuckets(env, workload).flatMap((bucket) =>
        (["aws_s3_bucket", ...BUCKET_SETTING_TYPES] as const).map((type): DeclaredResource => ({
          type,
          arn: bucket.arn,
        })),
      ),
      { type: "aws_cloudwatch_log_group", arn: ecsComputeLogGroups(env, workload, region, accountId).arn },
      {
        type: "aws_kms_key",
        arn: kmsKeyPattern(region, accountId),
        tagScoped: true,
        keyAliases: [ecsComputeKeyAliases(env, region, accountId).name],
      },
      { type: "aws_kms_alias", arn: ecsComputeKeyAliases(env, region, accountId).arn },
    ],
    serviceLinkedRoles: [
      {
        serviceName: "ecs.amazonaws.com",
        arn: `arn:aws:iam::${accountId}:role/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS`,
      },
    ],
  },
};
