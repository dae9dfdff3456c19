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
  | (PlannedBase & {
      readonly kind: "provisioner";
      readonly minProvisionerTag: string;
      /** The state key its S3 backend encrypts with (KMS-encrypted state only). */
      readonly stateKmsKeyArn?: string;
    });

export interface DeployablePlan {
  readonly stacks: readonly PlannedStack[];
  /** One line per stack left out, saying why and how to get it. */
  readonly notices: readonly string[];
}

/** The state key a deployed bootstrap created (read from its state), or undefined before its deploy. */
export type BootstrapKeyLookup = (bootstrapStack: string) => string | undefined;

/**
 * Which deployable stacks the settings give, without building them: synth builds exactly these,
 * and preflight refuses any other name. A bootstrap per environment; a provisioner per environment
 * that names its trusted principals, once min-provisioner is published and (with KMS-encrypted
 * state) its bootstrap's key is known: a stack never names a key that does not exist.
 */
export function planDeployableStacks(
  settings: Settings,
  versions: ModuleVersions = EMPTY_VERSIONS,
  bootstrapKey: BootstrapKeyLookup = () => undefined,
): DeployablePlan {
  const release = versions.modules["min-provisioner"];
  const stacks: PlannedStack[] = [];
  const notices: string[] = [];
  settings.environments.forEach((environment, index) => {
    const bootstrap = deployableStackName("bootstrap", environment);
    stacks.push({ name: bootstrap, kind: "bootstrap", environment });
    const provisioner = deployableStackName("provisioner", environment);
    if (!environment.trustedPrincipalArns) {
      notices.push(
        `No provisioner stack for environment "${environment.name}" (${environment.accountId}, ${environment.region}): set context.environments.${index}.trustedPrincipalArns in cdktf.json to create ${provisioner}.`,
      );
      return;
    }
    if (!release) return;
    const key = stateKeyOf(environment, bootstrap, bootstrapKey);
    if (key === "unknown") {
      notices.push(
        `No provisioner stack ${provisioner} yet: its state key is unknown until ${bootstrap} is deployed. Run \`npx cdktf deploy ${bootstrap}\` (its kms_key_arn is then read from terraform.${bootstrap}.tfstate), or set context.environments.${index}.stateKmsKeyArn in cdktf.json.`,
      );
      return;
    }
    stacks.push({
      name: provisioner,
      kind: "provisioner",
      environment,
      minProvisionerTag: release.tag,
      ...(key ? { stateKmsKeyArn: key } : {}),
    });
  });
  if (!release && settings.environments.some((environment) => environment.trustedPrincipalArns)) {
    notices.push(
      "No provisioner stacks yet: min-provisioner has no published tag in module-versions.json. Run `npm run publish -- min-provisioner`, then synth again.",
    );
  }
  return { stacks, notices };
}

/** The key of KMS-encrypted state (settings first, then the deployed bootstrap); none for SSE-S3. */
function stateKeyOf(
  environment: EnvironmentSettings,
  bootstrap: string,
  bootstrapKey: BootstrapKeyLookup,
): string | undefined | "unknown" {
  if (environment.encryption !== "kms") return undefined;
  return environment.stateKmsKeyArn ?? bootstrapKey(bootstrap) ?? "unknown";
}
