import type { Construct } from "constructs";
import type { Settings } from "../config/schema";
import { ModuleStack } from "./module-stack";

/** The deploy-policies module. (Placeholder: its issue fills it in.) */
export class DeployPoliciesModule extends ModuleStack {
  constructor(scope: Construct, _settings: Settings) {
    super(scope, {
      moduleName: "deploy-policies",
      usesAwsProvider: false,
      docs: { purpose: "TODO" },
    });
  }
}
