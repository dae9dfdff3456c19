import type { ExampleName } from "./example-config";

/**
 * Where moto (the local AWS), not the example, makes a plan non-empty: the plan after apply, or the
 * plan after the update. Each is allowed exactly (address, attribute, before and after values) by
 * the examples' apply proofs, and listed with this evidence in examples/README.md; the examples
 * never hide one with ignore_changes. A quirk that stops appearing fails the proof too: then
 * remove it here and from the README.
 */
export type QuirkPhase = "apply" | "update";

export interface EmulatorQuirk {
  readonly example: ExampleName;
  /** The plan it shows in: after the first apply, or after the update. */
  readonly phase: QuirkPhase;
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
    phase: "apply",
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
    phase: "apply",
    address: "aws_ecs_service.this",
    attribute: "availability_zone_rebalancing",
    before: "",
    after: "DISABLED",
    evidence:
      "moto's DescribeServices has no availabilityZoneRebalancing; the provider " +
      "(internal/service/ecs/service.go, resourceServiceRead) sets the attribute from it, so state " +
      'holds "" and the schema default DISABLED plans a change. AWS returns the setting the service was created with.',
  },
  {
    example: "min-provisioner",
    phase: "update",
    address: "module.min_provisioner.aws_iam_role.this",
    attribute: "description",
    before: "",
    after: "Least-privilege provisioning role (min-provisioner module).",
    evidence:
      "the provider (internal/service/iam/role.go, resourceRoleUpdate) changes max_session_duration " +
      "with UpdateRole carrying RoleName and MaxSessionDuration only; moto's UpdateRole " +
      "(moto/iam/models.py, IAMBackend.update_role) sets the description to what the request carries, " +
      "None here. AWS leaves a description UpdateRole does not name.",
  },
];

export const quirksOf = (example: ExampleName, phase: QuirkPhase): EmulatorQuirk[] =>
  EMULATOR_QUIRKS.filter((quirk) => quirk.example === example && quirk.phase === phase);

/** The attribute changes a quirk list allows, in the form attributeChanges gives them. */
export const allowedChanges = (quirks: readonly EmulatorQuirk[]) =>
  quirks.map(({ address, attribute, before, after }) => ({ address, attribute, before, after }));
