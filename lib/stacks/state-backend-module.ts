import type { Construct } from "constructs";
import type { Settings } from "../config/schema";
import { ModuleStack } from "./module-stack";

/** The state-backend module. (Placeholder: its issue fills it in.) */
export class StateBackendModule extends ModuleStack {
  constructor(scope: Construct, _settings: Settings) {
    super(scope, {
      moduleName: "state-backend",
      usesAwsProvider: true,
      docs: { purpose: "TODO" },
    });
  }
}
