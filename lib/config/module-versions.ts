import { existsSync } from "node:fs";
import { readRegularFile } from "./read-json-file";
import { join } from "node:path";
import semver from "semver";
import { z } from "zod";
import { UserError } from "../errors";
import { parseResourceAddress, RESOURCE_ADDRESS_RULE } from "../hcl/resource-address";
import { moduleTag } from "../naming/module-source";
import { valueAt } from "./value-at";

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

const resourceAddress = z.string().refine((text) => parseResourceAddress(text) !== undefined, {
  message: `must be ${RESOURCE_ADDRESS_RULE}`,
});

const releaseSchema = z.strictObject({
  version: z.string().refine((text) => semver.valid(text) === text, {
    message: "must be a semantic version such as 1.2.0",
  }),
  tag: z.string(),
  moved: z.array(z.strictObject({ from: resourceAddress, to: resourceAddress })).default([]),
});

/** The manifest is committed and hand-editable: everything in it is checked before it is used. */
const manifestSchema = z.strictObject({
  modules: z
    .record(z.string().regex(/^[a-z][a-z0-9-]*$/, { message: "must be a module folder name" }), releaseSchema)
    .superRefine((modules, ctx) => {
      for (const [name, release] of Object.entries(modules)) {
        const expected = moduleTag(name, release.version);
        if (release.tag !== expected)
          ctx.addIssue({ code: "custom", path: [name, "tag"], message: `must be "${expected}"` });
      }
    }),
});

/** Reads module-versions.json; a missing file means nothing was published yet. */
export function loadModuleVersions(projectRoot: string): ModuleVersions {
  const path = join(projectRoot, MANIFEST_FILE);
  if (!existsSync(path)) return EMPTY_VERSIONS;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readRegularFile(path, projectRoot));
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw new UserError(
      `${path} is not valid JSON (${error instanceof Error ? error.message : String(error)}). Restore it from git.`,
    );
  }
  return parseModuleVersions(parsed, path);
}

/** Validates a parsed manifest; every problem is one line naming the key, the value and the fix. */
export function parseModuleVersions(manifest: unknown, source: string = MANIFEST_FILE): ModuleVersions {
  const result = manifestSchema.safeParse(manifest);
  if (result.success) return result.data;
  throw new UserError(
    `${source}: ${result.error.issues.length} problem(s); nothing was written.`,
    result.error.issues.map((issue) => {
      const value = JSON.stringify(valueAt(manifest, issue.path)) ?? "missing";
      const shown = value.length > 120 ? `${value.slice(0, 117)}...` : value;
      return `${manifestKey(issue.path)} = ${shown}: ${issue.message}; correct it by hand or restore the file with \`git checkout -- ${MANIFEST_FILE}\``;
    }),
  );
}

/** `modules["state-backend"].moved[0].from`: the key as a reader finds it in the file. */
function manifestKey(path: readonly PropertyKey[]): string {
  return path
    .map((key) =>
      typeof key === "number"
        ? `[${key}]`
        : /^[A-Za-z_]\w*$/.test(String(key))
          ? `.${String(key)}`
          : `[${JSON.stringify(String(key))}]`,
    )
    .join("")
    .replace(/^\./, "");
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
