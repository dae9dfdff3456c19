import { Annotations, type App, type TerraformStack } from "cdktf";
import type { EnvironmentSettings, Settings } from "../config/schema";
import { EMPTY_VERSIONS, type ModuleVersions } from "../config/module-versions";
import { BootstrapStack } from "./deployable/bootstrap-stack";
import { ProvisionerStack } from "./deployable/provisioner-stack";

export interface DeployableOptions {
  /** Defaults to the current directory (where cdktf.json and modules-out/ live). */
  readonly projectRoot?: string;
  /** module-versions.json: the provisioner pins min-provisioner to its published tag. */
  readonly versions?: ModuleVersions;
}

/**
 * One bootstrap stack per configured environment, and the provisioner for the first environment
 * once min-provisioner has a published tag. The modules stay generic; only these stacks multiply.
 */
export function buildDeployableStacks(
  app: App,
  settings: Settings,
  options: DeployableOptions = {},
): TerraformStack[] {
  const projectRoot = options.projectRoot ?? process.cwd();
  const stacks: TerraformStack[] = settings.environments.map(
    (environment) => new BootstrapStack(app, { environment, projectRoot, appOutdir: app.outdir }),
  );
  const primary = settings.environments[0];
  if (!primary) return stacks;
  const release = (options.versions ?? EMPTY_VERSIONS).modules["min-provisioner"];
  if (!release) {
    Annotations.of(app).addWarning(
      "No provisioner stack: min-provisioner has no published tag in module-versions.json. Run `npm run publish -- min-provisioner`.",
    );
    return stacks;
  }
  stacks.push(
    new ProvisionerStack(app, {
      environment: primary,
      stateKeyPrefix: primary.stateKeyPrefix ?? settings.stateKeyPrefix,
      repositoryUrl: settings.repositoryUrl,
      minProvisionerTag: release.tag,
      kmsKeyArn: optionalString(primary, "stateKmsKeyArn"),
      trustedPrincipalArns: settings.examples.trustedPrincipalArns,
    }),
  );
  return stacks;
}

/** Reads a setting the schema may not declare yet, without widening the settings type. */
function optionalString(environment: EnvironmentSettings, key: string): string | undefined {
  const value: unknown = (environment as Readonly<Record<string, unknown>>)[key];
  return typeof value === "string" ? value : undefined;
}
