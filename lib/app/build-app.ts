import { join } from "node:path";
import { App } from "cdktf";
import type { TerraformStack } from "cdktf";
import type { Settings } from "../config/schema";
import type { ModuleStack } from "../stacks/module-stack";
import { MODULE_FACTORIES } from "../stacks/module-registry";
import { buildDeployableStacks } from "../stacks/build-deployable-stacks";
import type { ModuleVersions } from "../config/module-versions";

/** Module stacks are synthesized here, inside cdktf's outdir but outside its manifest. */
export const MODULE_STACKS_FOLDER = "modules";

export interface BuiltApp {
  /** The App `cdktf deploy` sees: only deployable stacks are in its manifest. */
  readonly app: App;
  /**
   * A second App for the module stacks, so that `cdktf deploy <module>` is refused at once ("Could
   * not find stack") instead of waiting for variables nobody sets.
   */
  readonly moduleApp: App;
  /** One per published module: the packager turns each into modules-out/{hcl,json}/<module>. */
  readonly moduleStacks: readonly ModuleStack[];
  /** Stacks for `cdktf deploy` that consume the modules. */
  readonly deployableStacks: readonly TerraformStack[];
  /** One line each: what was left out of the deployable set and why, and what can be deployed. */
  readonly notices: readonly string[];
  /** Synthesizes both Apps. */
  readonly synth: () => void;
}

export interface BuildOptions {
  /** Where cdktf writes stacks; the CLI sets CDKTF_OUTDIR, tests pass a temp dir. */
  readonly outdir?: string;
  /** Where cdktf.json and modules-out/ live. @default the current directory */
  readonly projectRoot?: string;
  /** Published module versions (module-versions.json): deployable stacks pin git sources to them. */
  readonly versions?: ModuleVersions;
}

/** Builds the whole construct tree. Reads nothing but its arguments; cdktf creates the outdirs. */
export function buildApp(settings: Settings, options: BuildOptions = {}): BuiltApp {
  // No construct stack traces: they only feed `//` metadata, which the packager strips anyway.
  const app = new App({ stackTraces: false, ...(options.outdir ? { outdir: options.outdir } : {}) });
  const moduleApp = new App({ stackTraces: false, outdir: join(app.outdir, MODULE_STACKS_FOLDER) });
  const moduleStacks = MODULE_FACTORIES.map((factory) => factory(moduleApp, settings));
  const deployable = buildDeployableStacks(app, settings, {
    projectRoot: options.projectRoot,
    versions: options.versions,
  });
  return {
    app,
    moduleApp,
    moduleStacks,
    deployableStacks: deployable.stacks,
    notices: deployable.notices,
    synth: () => {
      moduleApp.synth();
      app.synth();
    },
  };
}
