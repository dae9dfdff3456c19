import type { ExampleName } from "./example-config";

/**
 * Where moto (the local AWS), not the example, makes the plan after apply non-empty. Each is
 * allowed exactly (address, attribute, before and after values) by the examples' apply proofs, and
 * listed with this evidence in examples/README.md; the examples never hide one with ignore_changes.
 * A quirk that stops appearing fails the proof too: then remove it here and from the README.
 */
export interface EmulatorQuirk {
  readonly example: ExampleName;
  readonly address: string;
  readonly attribute: string;
  /** In state after apply (what the provider read back from moto). */
  readonly before: unknown;
  /** What the plan wants. */
  readonly after: unknown;
  readonly evidence: string;
}

export const EMULATOR_QUIRKS: readonly EmulatorQuirk[] = [
  {
    example: "aurora-cluster",
    address: "aws_rds_cluster.this",
    attribute: "scaling_configuration",
    before: [
      {
        auto_pause: null,
        max_capacity: null,
        min_capacity: null,
        seconds_before_timeout: null,
        seconds_until_auto_pause: null,
        timeout_action: null,
      },
    ],
    after: [
      {
        auto_pause: true,
        max_capacity: 16,
        min_capacity: 1,
        seconds_before_timeout: 300,
        seconds_until_auto_pause: 300,
        timeout_action: "RollbackCapacityChange",
      },
    ],
    evidence:
      "moto's DescribeDBClusters answers an empty <ScalingConfigurationInfo/> for a provisioned cluster; " +
      "the provider (internal/service/rds/cluster.go, resourceClusterRead) sets scaling_configuration " +
      "whenever ScalingConfigurationInfo is not nil, so state holds a block of nulls that the schema's " +
      "defaults then want to fill. AWS returns no ScalingConfigurationInfo for provisioned clusters.",
  },
  {
    example: "ecs-compute",
    address: "aws_ecs_service.this",
    attribute: "availability_zone_rebalancing",
    before: "",
    after: "DISABLED",
    evidence:
      "moto's DescribeServices has no availabilityZoneRebalancing; the provider " +
      "(internal/service/ecs/service.go, resourceServiceRead) sets the attribute from it, so state " +
      'holds "" and the schema default DISABLED plans a change. AWS returns the setting the service was created with.',
  },
];

export const quirksOf = (example: ExampleName): EmulatorQuirk[] =>
  EMULATOR_QUIRKS.filter((quirk) => quirk.example === example);
