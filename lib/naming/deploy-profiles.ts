/**
 * The deploy profiles, in the order modules and docs list them. Here, below lib/config, so the
 * settings schema can check `deployProfiles` against the same list the policies are derived for.
 */
export const DEPLOY_PROFILE_IDS = [
  "state_backend",
  "aurora_cluster",
  "ecs_compute",
  "min_provisioner",
] as const;
export type DeployProfileId = (typeof DEPLOY_PROFILE_IDS)[number];

/** Profiles that let the role rewrite its own policies: allowed only under a permissions boundary. */
export const PROFILES_NEEDING_BOUNDARY: readonly DeployProfileId[] = ["min_provisioner"];
