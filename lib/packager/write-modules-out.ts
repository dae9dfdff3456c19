import { join } from "node:path";
import { writeTreeAtomically, type AtomicWriteOptions } from "./atomic-tree";
import { blockPathsFromHcl } from "./block-structure";
import { cleanModule } from "./clean-module";
import { parseMovedBlocks } from "./moved-blocks";
import { renderHclModule } from "./render-hcl";
import { formatHcl, type FormatCache } from "./format-hcl";
import { prettyJson, renderJsonModule } from "./render-json";
import { renderReadme, type ReadmeDocs } from "./render-readme";

/** A standalone policy document rendered with the example values. */
export interface RenderedPolicy {
  /** File name without `.json`, e.g. `state-backend-deploy`. */
  readonly id: string;
  readonly policy: unknown;
}

/** What the packager needs to know about one module: plain data, no construct tree. */
export interface ModuleInput {
  /** Folder name under modules-out/ and tag prefix, e.g. `state-backend`. */
  readonly moduleName: string;
  /** The stack's synthesized Terraform JSON (what cdk.tf.json holds). */
  readonly terraform: object;
  /** cdktf's HCL rendering of the same stack: only read to learn which names are blocks. */
  readonly hcl: string;
  readonly usesAwsProvider: boolean;
  readonly docs: ReadmeDocs;
  /** The latest published version, shown in the README's `?ref=` (1.0.0 before the first release). */
  readonly version: string;
  /** Every published address change, oldest first: each becomes a `moved` block. */
  readonly moved: readonly { readonly from: string; readonly to: string }[];
  /** `terraform test` files (HCL) by file name: written, formatted, to `tests/` of both flavours. */
  readonly tests: Readonly<Record<string, string>>;
}

export interface WriteModulesOutOptions {
  readonly modules: readonly ModuleInput[];
  /** Git URL the READMEs' `git::` sources use. */
  readonly repositoryUrl: string;
  /** Usually <project>/modules-out; `npm run diff` passes a temporary folder. */
  readonly outDir: string;
  /** Written to `policies/<id>.json`. @default none */
  readonly policies?: readonly RenderedPolicy[];
  /** One short line per module written. @default a line on stderr */
  readonly log?: (line: string) => void;
  readonly atomic?: AtomicWriteOptions;
  /** "off" for the drift gate: what it compares must not depend on a cache. @default "verified" */
  readonly formatCache?: FormatCache;
}

const POLICY_ID = /^[a-z0-9][a-z0-9._-]*$/;
const TEST_FILE = /^[a-z0-9_-]+\.tftest\.hcl$/;

/** Renders every module stack (HCL, JSON, READMEs) and policies, then swaps them into outDir at once. */
export async function writeModulesOut(options: WriteModulesOutOptions): Promise<void> {
  const files = await renderModulesOut(options);
  await writeTreeAtomically(options.outDir, files, options.atomic);
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  for (const module of options.modules) log(`modules-out: ${module.moduleName} (hcl, json)`);
  if (options.policies?.length) log(`modules-out: ${options.policies.length} policy document(s)`);
}

/** The whole tree in memory, relative path -> contents. Pure. */
export async function renderModulesOut(options: WriteModulesOutOptions): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  const names = new Set<string>();
  for (const input of options.modules) {
    if (names.has(input.moduleName)) throw new Error(`Two modules are named ${input.moduleName}.`);
    names.add(input.moduleName);
    const cleaned = cleanModule(input.moduleName, input.terraform, input.usesAwsProvider);
    const module = {
      ...cleaned,
      moved: [...cleaned.moved, ...parseMovedBlocks(input.moduleName, input.moved)],
    };
    const providerBlocks = blockPathsFromHcl(input.hcl);
    const readme = (flavour: "hcl" | "json"): string =>
      renderReadme({
        module,
        docs: input.docs,
        flavour,
        repositoryUrl: options.repositoryUrl,
        version: input.version,
      });
    const folder = (flavour: "hcl" | "json") => `${flavour}/${input.moduleName}`;
    const hcl = await renderHclModule(module, providerBlocks, options.formatCache);
    for (const [file, text] of Object.entries(hcl)) files.set(`${folder("hcl")}/${file}`, text);
    files.set(`${folder("hcl")}/README.md`, readme("hcl"));
    for (const [file, text] of Object.entries(renderJsonModule(module))) {
      files.set(`${folder("json")}/${file}`, text);
    }
    files.set(`${folder("json")}/README.md`, readme("json"));
    for (const [name, text] of Object.entries(input.tests)) {
      if (!TEST_FILE.test(name))
        throw new Error(`Module ${input.moduleName}: "${name}" is not a *.tftest.hcl file name.`);
      const formatted = await formatHcl(text, options.formatCache);
      for (const flavour of ["hcl", "json"] as const)
        files.set(`${folder(flavour)}/tests/${name}`, formatted);
    }
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
