import { DEFAULT_ECS_TASK_FAMILIES, ecsComputeTaskDefinition } from "../../lib/naming/ecs-compute";
import { ecsComputeProfile } from "../../lib/permissions/profiles/ecs-compute";
import { describeExampleLifecycle, MOTO_ACCOUNT_ID, NEW_TAGS } from "../examples/example-lifecycle";

/** examples/ecs-compute through its whole life cycle with the real provider against moto. */
const params = {
  partition: "aws",
  region: "eu-west-1",
  account_id: MOTO_ACCOUNT_ID,
  environment_name: "tz",
  ecs_workload_name: "orchestra",
};

describeExampleLifecycle({
  example: "ecs-compute",
  profile: ecsComputeProfile,
  params,
  // The deploy-policies module builds this list from ecs_task_families, one ARN per family.
  listParams: {
    ecs_task_definition_arns: DEFAULT_ECS_TASK_FAMILIES.map(
      (family) =>
        ecsComputeTaskDefinition(params.environment_name, family, params.region, params.account_id).arn,
    ),
  },
  update: { tags: NEW_TAGS, log_retention_days: 60 },
  updatedSettings: DEFAULT_ECS_TASK_FAMILIES.map(
    (family) => `aws_cloudwatch_log_group.task["${family}"] retention_in_days`,
  ),
});
