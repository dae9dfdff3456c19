import type { App, TerraformStack } from "cdktf";
import type { Settings } from "../config/schema";
import type { ModuleVersions } from "../config/module-versions";
import { BootstrapStack } from "./deployable/bootstrap-stack";
import { ProvisionerStack } from "./deployable/provisioner-stack";
import { planDeployableStacks } from "./deployable/deployable-plan";
import { bootstrapStateKeyArn } from "../config/bootstrap-outputs";

export interface DeployableOptions {
  /** Defaults to the current directory (where cdktf.json and modules-out/ live). */
  readonly projectRoot?: string;
  /** module-versions.json: the provisioners pin min-provisioner to its published tag. */
  readonly versions?: ModuleVersions;
}

export interface DeployableStacks {
  readonly stacks: readonly TerraformStack[];
  /** One line per stack left out (why, and how to get it), then the list of deployable stacks. */
  readonly notices: readonly string[];
}

/**
 * The stacks of planDeployableStacks, each built from its own environment's settings only:
 * `examples` never reaches them (those values are for READMEs and modules-out/policies/).
 */
export function buildDeployableStacks(
  app: App,
  settings: Settings,
  options: DeployableOptions = {},
): DeployableStacks {
  const projectRoot = options.projectRoot ?? process.cwd();
  const plan = planDeployableStacks(settings, options.versions, (bootstrap) =>
    bootstrapStateKeyArn(projectRoot, bootstrap),
  );
  const stacks = plan.stacks.map((planned): TerraformStack => {
    if (planned.kind === "bootstrap") {
      return new BootstrapStack(app, {
        environment: planned.environment,
        projectRoot,
        appOutdir: app.outdir,
        awsProviderVersion: settings.awsProviderVersion,
      });
    }
    return new ProvisionerStack(app, {
      environment: planned.environment,
      repositoryUrl: settings.repositoryUrl,
      minProvisionerTag: planned.minProvisionerTag,
      stateKmsKeyArn: planned.stateKmsKeyArn,
      awsProviderVersion: settings.awsProviderVersion,
    });
  });
  const names = plan.stacks.map((planned) => planned.name);
  const listing = names.length
    ? `Deployable stacks: ${names.join(", ")} (before \`cdktf deploy <stack>\`, run \`npm run preflight -- <stack>\`).`
    : "Deployable stacks: none (add an entry to context.environments in cdktf.json).";
  return { stacks, notices: [...plan.notices, listing] };
}
