import type { Construct } from "constructs";
import type { Settings } from "../config/schema";
import type { ModuleStack } from "./module-stack";
import { StateBackendModule } from "./state-backend-module";
import { StateAccessPolicyModule } from "./state-access-policy-module";
import { DeployPoliciesModule } from "./deploy-policies-module";
import { MinProvisionerModule } from "./min-provisioner-module";

/** Every module we publish, in the order they appear in docs. */
export const MODULE_FACTORIES: ReadonlyArray<(scope: Construct, settings: Settings) => ModuleStack> = [
  (scope, settings) => new StateBackendModule(scope, settings),
  (scope, settings) => new StateAccessPolicyModule(scope, settings),
  (scope, settings) => new DeployPoliciesModule(scope, settings),
  (scope, settings) => new MinProvisionerModule(scope, settings),
];
