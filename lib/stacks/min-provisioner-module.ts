import type { Construct } from "constructs";
import type { Settings } from "../config/schema";
import { ModuleStack } from "./module-stack";

/** The min-provisioner module. (Placeholder: its issue fills it in.) */
export class MinProvisionerModule extends ModuleStack {
  constructor(scope: Construct, _settings: Settings) {
    super(scope, {
      moduleName: "min-provisioner",
      usesAwsProvider: true,
      docs: { purpose: "TODO" },
    });
  }
}
