import type { EnvironmentSettings, Settings } from "../../config/schema";
import { EMPTY_VERSIONS, type ModuleVersions } from "../../config/module-versions";

/** `<kind>-<env>-<account>-<region>`: unique per environment, a valid stack and folder name. */
export const deployableStackName = (kind: DeployableKind, env: EnvironmentSettings): string =>
  `${kind}-${env.name}-${env.accountId}-${env.region}`;

export type DeployableKind = "bootstrap" | "provisioner";

interface PlannedBase {
  readonly name: string;
  readonly environment: EnvironmentSettings;
}

export type PlannedStack =
  | (PlannedBase & { readonly kind: "bootstrap" })
  /** The provisioner pins min-provisioner to its published tag, e.g. `min-provisioner-v1.2.0`. */
  | (PlannedBase & { readonly kind: "provisioner"; readonly minProvisionerTag: string });

export interface DeployablePlan {
  readonly stacks: readonly PlannedStack[];
  /** One line per stack left out, saying why and how to get it. */
  readonly notices: readonly string[];
}

/**
 * Which deployable stacks the settings give, without building them: synth builds exactly these,
 * and preflight refuses any other name. A bootstrap per environment; a provisioner per environment
 * that names its trusted principals, once min-provisioner is published.
 */
export function planDeployableStacks(
  settings: Settings,
  versions: ModuleVersions = EMPTY_VERSIONS,
): DeployablePlan {
  const release = versions.modules["min-provisioner"];
  const stacks: PlannedStack[] = [];
  const notices: string[] = [];
  settings.environments.forEach((environment, index) => {
    stacks.push({ name: deployableStackName("bootstrap", environment), kind: "bootstrap", environment });
    const provisioner = deployableStackName("provisioner", environment);
    if (!environment.trustedPrincipalArns) {
      notices.push(
        `No provisioner stack for environment "${environment.name}" (${environment.accountId}, ${environment.region}): set context.environments.${index}.trustedPrincipalArns in cdktf.json to create ${provisioner}.`,
      );
    } else if (release) {
      stacks.push({ name: provisioner, kind: "provisioner", environment, minProvisionerTag: release.tag });
    }
  });
  if (!release && settings.environments.some((environment) => environment.trustedPrincipalArns)) {
    notices.push(
      "No provisioner stacks yet: min-provisioner has no published tag in module-versions.json. Run `npm run publish -- min-provisioner`, then synth again.",
    );
  }
  return { stacks, notices };
}
