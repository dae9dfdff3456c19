import { join } from "node:path";
import type { Settings } from "../config/schema";
import type { ModuleStack } from "../stacks/module-stack";
import { movedBlocksFor, type ModuleVersions } from "../publish/manifest";
import { writeTreeAtomically, type AtomicWriteOptions } from "./atomic-tree";
import { blockPathsFromHcl } from "./block-structure";
import { cleanModule } from "./clean-module";
import { renderHclModule } from "./render-hcl";
import { prettyJson, renderJsonModule } from "./render-json";
import { renderReadme } from "./render-readme";

/** A standalone policy document rendered with the example values. */
export interface RenderedPolicy {
  /** File name without `.json`, e.g. `state-backend-deploy`. */
  readonly id: string;
  readonly policy: unknown;
}

export interface WriteModulesOutOptions {
  readonly moduleStacks: readonly ModuleStack[];
  readonly settings: Settings;
  /** Usually <project>/modules-out; `npm run diff` passes a temporary folder. */
  readonly outDir: string;
  /**
   * Published releases (module-versions.json): the README's `?ref=<module>-v<version>` shows the
   * latest version, and each recorded address change becomes a `moved` block. @default none: 1.0.0
   */
  readonly versions?: ModuleVersions;
  /** Written to `policies/<id>.json`. @default none */
  readonly policies?: readonly RenderedPolicy[];
  /** One short line per module written. @default a line on stderr */
  readonly log?: (line: string) => void;
  readonly atomic?: AtomicWriteOptions;
}

export const DEFAULT_MODULE_VERSION = "1.0.0";
const POLICY_ID = /^[a-z0-9][a-z0-9._-]*$/;

/** Renders every module stack (HCL, JSON, READMEs) and policies, then swaps them into outDir at once. */
export async function writeModulesOut(options: WriteModulesOutOptions): Promise<void> {
  const files = await renderModulesOut(options);
  await writeTreeAtomically(options.outDir, files, options.atomic);
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  for (const stack of options.moduleStacks) log(`modules-out: ${stack.moduleName} (hcl, json)`);
  if (options.policies?.length) log(`modules-out: ${options.policies.length} policy document(s)`);
}

/** The whole tree in memory, relative path -> contents. Pure apart from reading the stacks. */
export async function renderModulesOut(options: WriteModulesOutOptions): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  const names = new Set<string>();
  for (const stack of options.moduleStacks) {
    if (names.has(stack.moduleName)) throw new Error(`Two module stacks are named ${stack.moduleName}.`);
    names.add(stack.moduleName);
    const cleaned = cleanModule(stack.moduleName, stack.toTerraform(), stack.usesAwsProvider);
    const moved = movedBlocksFor(options.versions, stack.moduleName).map(({ from, to }) => ({ from, to }));
    const module = moved.length ? { ...cleaned, main: { ...cleaned.main, moved } } : cleaned;
    const providerBlocks = blockPathsFromHcl(stack.toHclTerraform().hcl);
    const version = options.versions?.modules[stack.moduleName]?.version ?? DEFAULT_MODULE_VERSION;
    const readme = (flavour: "hcl" | "json"): string =>
      renderReadme({
        module,
        docs: stack.docs,
        flavour,
        repositoryUrl: options.settings.repositoryUrl,
        version,
      });

    const hcl = await renderHclModule(module, providerBlocks);
    for (const [file, text] of Object.entries(hcl)) files.set(`hcl/${stack.moduleName}/${file}`, text);
    files.set(`hcl/${stack.moduleName}/README.md`, readme("hcl"));
    for (const [file, text] of Object.entries(renderJsonModule(module))) {
      files.set(`json/${stack.moduleName}/${file}`, text);
    }
    files.set(`json/${stack.moduleName}/README.md`, readme("json"));
  }
  for (const { id, policy } of options.policies ?? []) {
    if (!POLICY_ID.test(id))
      throw new Error(`Policy id "${id}" must be lower-case letters, digits, ".", "_" or "-".`);
    const path = join("policies", `${id}.json`).split("\\").join("/");
    if (files.has(path)) throw new Error(`Two policies have the id "${id}".`);
    files.set(path, prettyJson(policy));
  }
  return files;
}
