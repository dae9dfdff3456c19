import { DEPLOY_PARAMS } from "../../naming/deploy-policies";
import {
  ECS_TASK_EXECUTION_MANAGED_POLICY_ARN,
  ecsComputeAttachablePolicies,
  ecsComputeBuckets,
  ecsComputeCluster,
  ecsComputeKeyAliases,
  ecsComputeLogGroups,
  ecsComputePolicies,
  ecsComputeRoles,
  ecsComputeTaskDefinitions,
} from "../../naming/ecs-compute";
import { kmsKeyPattern } from "../../naming/state-backend";
import type { DeclaredResource } from "../derive";
import type { DeployProfile } from "../deploy-profile";
import { BUCKET_SETTING_TYPES } from "./state-backend";

const { environmentName: env, accountId, region } = DEPLOY_PARAMS;

/** The service that runs tasks; the only one task and execution roles may be passed to. */
export const ECS_TASKS_SERVICE = "ecs-tasks.amazonaws.com";

const policies = ecsComputePolicies(env, accountId);

/** Seed 004's orchestra ECS compute module, with each name prefixed by the environment. */
export const ecsComputeProfile: DeployProfile = {
  id: "ecs_compute",
  description:
    "Deploy the orchestra ECS compute module: cluster, task definitions, task/execution roles and policies, buckets, log groups, KMS key.",
  derive: {
    sidPrefix: "Ecs",
    environment: env,
    region,
    resources: [
      { type: "aws_ecs_cluster", arn: ecsComputeCluster(env, region, accountId).arn },
      ...ecsComputeTaskDefinitions(env, region, accountId).map((family): DeclaredResource => ({
        type: "aws_ecs_task_definition",
        arn: family.arn,
      })),
      ...ecsComputeRoles(env, accountId).flatMap((role): DeclaredResource[] => [
        { type: "aws_iam_role", arn: role.arn, passedToService: ECS_TASKS_SERVICE },
        {
          type: "aws_iam_role_policy_attachment",
          arn: role.arn,
          // The environment's orchestra policies (this profile creates only the four above) and AWS's
          // execution-role policy: never AdministratorAccess or another environment's policy.
          attachablePolicyArns: [
            ecsComputeAttachablePolicies(env, accountId).arn,
            ECS_TASK_EXECUTION_MANAGED_POLICY_ARN,
          ],
        },
      ]),
      ...policies.map((policy): DeclaredResource => ({ type: "aws_iam_policy", arn: policy.arn })),
      ...ecsComputeBuckets(env).flatMap((bucket) =>
        (["aws_s3_bucket", ...BUCKET_SETTING_TYPES] as const).map((type): DeclaredResource => ({
          type,
          arn: bucket.arn,
        })),
      ),
      { type: "aws_cloudwatch_log_group", arn: ecsComputeLogGroups(env, region, accountId).arn },
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
