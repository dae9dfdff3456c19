import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { UserError } from "../errors";

/** Per-module release record, committed at the project root next to cdktf.json. */
export const MANIFEST_FILE = "module-versions.json";

export interface MovedBlock {
  /** Address before the release that renamed it, e.g. `aws_s3_bucket.state`. */
  readonly from: string;
  readonly to: string;
}

export interface ModuleRelease {
  readonly version: string;
  readonly tag: string;
  /**
   * Every address change ever published, oldest first. The packager emits one `moved` block per
   * entry (HCL `moved { from = x to = y }`, JSON `"moved": [{"from": "x", "to": "y"}]`) so that
   * callers on any older tag are migrated instead of destroyed and recreated.
   */
  readonly moved: readonly MovedBlock[];
}

export interface ModuleVersions {
  readonly modules: Readonly<Record<string, ModuleRelease>>;
}

export const EMPTY_VERSIONS: ModuleVersions = { modules: {} };

/** Reads module-versions.json; a missing file means nothing was published yet. */
export function loadModuleVersions(projectRoot: string): ModuleVersions {
  const path = join(projectRoot, MANIFEST_FILE);
  if (!existsSync(path)) return EMPTY_VERSIONS;
  try {
    const parsed = JSON.parse(readFileSync(path, "utf8")) as Partial<ModuleVersions>;
    return { modules: parsed.modules ?? {} };
  } catch (error) {
    throw new UserError(
      `${path} is not valid JSON (${error instanceof Error ? error.message : String(error)}). Restore it from git.`,
    );
  }
}

/** Stable text: sorted module names, two-space indent, trailing newline. */
export function renderModuleVersions(versions: ModuleVersions): string {
  const modules = Object.fromEntries(
    Object.keys(versions.modules)
      .sort()
      .map((name) => [name, versions.modules[name]]),
  );
  return `${JSON.stringify({ modules }, null, 2)}\n`;
}

/** The moved blocks the packager should emit for one module. */
export function movedBlocksFor(
  versions: ModuleVersions | undefined,
  moduleName: string,
): readonly MovedBlock[] {
  return versions?.modules[moduleName]?.moved ?? [];
}

/** `moved` blocks as HCL text for main.tf (empty string when there are none). */
export function renderMovedBlocksHcl(blocks: readonly MovedBlock[]): string {
  return blocks.map((block) => `moved {\n  from = ${block.from}\n  to   = ${block.to}\n}\n`).join("\n");
}

/** The same blocks for a `*.tf.json` file's top-level `moved` key. */
export function renderMovedBlocksJson(blocks: readonly MovedBlock[]): Array<{ from: string; to: string }> {
  return blocks.map((block) => ({ from: block.from, to: block.to }));
}
