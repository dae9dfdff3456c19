import type { DeployProfile, DeployProfileId } from "../deploy-profile";
import { auroraClusterProfile } from "./aurora-cluster";
import { ecsComputeProfile } from "./ecs-compute";
import { minProvisionerProfile } from "./min-provisioner";
import { stateBackendProfile } from "./state-backend";

/** Every deploy profile by id, in DEPLOY_PROFILE_IDS order. */
export const DEPLOY_PROFILES: Readonly<Record<DeployProfileId, DeployProfile>> = {
  state_backend: stateBackendProfile,
  aurora_cluster: auroraClusterProfile,
  ecs_compute: ecsComputeProfile,
  min_provisioner: minProvisionerProfile,
};
