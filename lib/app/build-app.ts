import { App } from "cdktf";
import type { TerraformStack } from "cdktf";
import type { Settings } from "../config/schema";
import type { ModuleStack } from "../stacks/module-stack";
import { MODULE_FACTORIES } from "../stacks/module-registry";
import { buildDeployableStacks } from "../stacks/build-deployable-stacks";
import type { ModuleVersions } from "../config/module-versions";

export interface BuiltApp {
  readonly app: App;
  /** One per published module: the packager turns each into modules-out/{hcl,json}/<module>. */
  readonly moduleStacks: readonly ModuleStack[];
  /** Stacks for `cdktf deploy` that consume the modules. */
  readonly deployableStacks: readonly TerraformStack[];
}

export interface BuildOptions {
  /** Where cdktf writes stacks; the CLI sets CDKTF_OUTDIR, tests pass a temp dir. */
  readonly outdir?: string;
  /** Where cdktf.json and modules-out/ live. @default the current directory */
  readonly projectRoot?: string;
  /** Published module versions (module-versions.json): deployable stacks pin git sources to them. */
  readonly versions?: ModuleVersions;
}

/** Builds the whole construct tree. Pure: reads nothing but its arguments. */
export function buildApp(settings: Settings, options: BuildOptions = {}): BuiltApp {
  // No construct stack traces: they only feed `//` metadata, which the packager strips anyway.
  const app = new App({ stackTraces: false, ...(options.outdir ? { outdir: options.outdir } : {}) });
  const moduleStacks = MODULE_FACTORIES.map((factory) => factory(app, settings));
  const deployableStacks: TerraformStack[] = buildDeployableStacks(app, settings, {
    projectRoot: options.projectRoot,
    versions: options.versions,
  });
  return { app, moduleStacks, deployableStacks };
}
