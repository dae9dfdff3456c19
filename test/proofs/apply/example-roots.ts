import { join } from "node:path";
import { PROOF_ENVIRONMENT } from "./accounts";
import type { RootSpec } from "./apply-proof";
import { rewriteModule } from "./lifecycle";

/**
 * The examples as roots of the apply proof (profiles aurora_cluster and ecs_compute). Each example
 * builds its own network so that it runs on its own; that network is outside the profile (the
 * examples' main.tf says so), so its EC2 calls are relayed and counted apart, never judged.
 */
const EXAMPLES = join(__dirname, "..", "..", "..", "examples");

const NETWORK_OUTSIDE = {
  pattern: /^ec2:/,
  reason: "the example's own VPC, subnets and security group",
};

/**
 * Emulator quirk (../shared/reference/local-aws.md): moto returns a scaling_configuration for a
 * provisioned Aurora cluster, which AWS does not, so the plan after apply wants to change it.
 */
export const MOTO_AURORA_SCALING_CONFIGURATION = "aws_rds_cluster.this scaling_configuration";

export function auroraClusterRoot(): RootSpec {
  return {
    name: "example aurora-cluster",
    profile: "aurora_cluster",
    moduleDir: join(EXAMPLES, "aurora-cluster"),
    outside: NETWORK_OUTSIDE,
    allowedDrift: [MOTO_AURORA_SCALING_CONFIGURATION],
    vars: () => ({
      environment_name: PROOF_ENVIRONMENT,
      tags: { Owner: "apply-proof" },
      backup_retention_period: 7,
    }),
    updateVars: () => ({
      environment_name: PROOF_ENVIRONMENT,
      tags: { Owner: "apply-proof", Stage: "updated" },
      backup_retention_period: 14,
    }),
    liftProtection: (rootDir) =>
      rewriteModule(rootDir, [[/(deletion_protection\s*=\s*)var\.deletion_protection/g, "$1false"]]),
  };
}

/**
 * Emulator quirk (../shared/reference/local-aws.md): moto does not return the service's
 * availability_zone_rebalancing, so the plan after apply wants to set it.
 */
export const MOTO_ECS_SERVICE_AZ_REBALANCING = "aws_ecs_service.this availability_zone_rebalancing";

/**
 * The ecs_compute profile (seed 004) grants no ECS service actions: the example's aws_ecs_service
 * is deployed outside it, like its network (a gap the proof shows rather than hides).
 */
const ECS_OUTSIDE = {
  pattern: /^ec2:|^ecs:(CreateService|DescribeServices|UpdateService|DeleteService)$/,
  resources: /^arn:aws:ecs:[^:]+:\d+:service\//,
  reason:
    "the example's own VPC, subnets and security group, and its aws_ecs_service (no ECS service action in the profile)",
};

export function ecsComputeRoot(): RootSpec {
  return {
    name: "example ecs-compute",
    profile: "ecs_compute",
    moduleDir: join(EXAMPLES, "ecs-compute"),
    outside: ECS_OUTSIDE,
    allowedDrift: [MOTO_ECS_SERVICE_AZ_REBALANCING],
    vars: () => ({
      environment_name: PROOF_ENVIRONMENT,
      tags: { Owner: "apply-proof" },
      log_retention_days: 30,
    }),
    updateVars: () => ({
      environment_name: PROOF_ENVIRONMENT,
      tags: { Owner: "apply-proof", Stage: "updated" },
      log_retention_days: 60,
    }),
  };
}
