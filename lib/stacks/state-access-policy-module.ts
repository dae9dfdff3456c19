import type { Construct } from "constructs";
import type { Settings } from "../config/schema";
import { ModuleStack } from "./module-stack";

/** The state-access-policy module. (Placeholder: its issue fills it in.) */
export class StateAccessPolicyModule extends ModuleStack {
  constructor(scope: Construct, _settings: Settings) {
    super(scope, {
      moduleName: "state-access-policy",
      usesAwsProvider: false,
      docs: { purpose: "TODO" },
    });
  }
}
