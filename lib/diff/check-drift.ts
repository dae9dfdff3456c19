import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ModuleExamples } from "../app/module-examples";
import { generateModules } from "../app/generate-modules";
import { diffTrees, type FileChange } from "./file-diff";
import { formatDriftReport } from "./format-summary";
import { hasHead, modulesEditedSinceHead, treeAtRef } from "./git-tree";
import { loadModuleExamples } from "./load-examples";
import { modulePermissions } from "./module-permissions";
import { diffPermissions, type PermissionDiff } from "./permission-diff";
import { readTree, type TreeSnapshot } from "./read-tree";
import { changedModules, semanticDiff, type SemanticDiff } from "./semantic-diff";

/** Writes a complete modules-out tree into the given folder. */
export type Regenerate = (outDir: string) => Promise<void>;

export interface DriftOptions {
  readonly projectRoot: string;
  /** The committed tree; defaults to <projectRoot>/modules-out. */
  readonly modulesOutDir?: string;
  /** Defaults to generateModules (synth + packager); tests and publish inject their own. */
  readonly regenerate?: Regenerate;
  /** How each module is called to read its permissions; defaults to the project's settings. */
  readonly examples?: ModuleExamples;
}

export interface DriftResult {
  readonly clean: boolean;
  readonly changes: readonly FileChange[];
  /** modules-out/ as it is in the working tree -> what the code generates. */
  readonly semantic: SemanticDiff;
  /** Uncommitted edits of module files in modules-out/ (HEAD -> working tree), when there are any. */
  readonly handEdits?: SemanticDiff;
  /** What `npm run diff` prints. */
  readonly report: string;
}

/** Regenerates every module into a temporary folder and compares it with the committed tree. */
export async function checkDrift(options: DriftOptions): Promise<DriftResult> {
  const committedDir = options.modulesOutDir ?? join(options.projectRoot, "modules-out");
  const regenerate =
    options.regenerate ??
    ((outDir: string) => generateModules(outDir, options.projectRoot, { formatCache: "off" }));
  const scratch = mkdtempSync(join(tmpdir(), "stm-diff-"));
  try {
    const generatedDir = join(scratch, "modules-out");
    await regenerate(generatedDir);
    const committed = readTree(committedDir);
    const generated = readTree(generatedDir);
    const changes = diffTrees(committed, generated);
    if (changes.length === 0) {
      const semantic = semanticDiff(committed, generated);
      return { clean: true, changes, semantic, report: formatDriftReport(changes, semantic) };
    }
    const edited = options.modulesOutDir === undefined ? handEditedModules(options.projectRoot) : [];
    const head = edited.length
      ? treeAtRef(
          options.projectRoot,
          "HEAD",
          edited.flatMap((m) => [`hcl/${m}`, `json/${m}`]),
        )
      : undefined;
    const toCode = changedModules(committed, generated);
    const [codePermissions, editPermissions] = await comparePermissions(
      options,
      [committed, generated, head ?? new Map()],
      toCode,
      edited,
    );
    const semantic = { ...semanticDiff(committed, generated), permissions: codePermissions };
    const handEdits = head
      ? { ...semanticDiff(head, committed, edited), policies: [], permissions: editPermissions }
      : undefined;
    return {
      clean: false,
      changes,
      semantic,
      handEdits,
      report: formatDriftReport(changes, semantic, handEdits),
    };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

const handEditedModules = (projectRoot: string): string[] =>
  hasHead(projectRoot) ? modulesEditedSinceHead(projectRoot) : [];

/**
 * Permissions of the changed modules in [committed, generated, head], in one Terraform run:
 * committed -> generated, and head -> committed for hand-edited modules.
 */
async function comparePermissions(
  options: DriftOptions,
  [committed, generated, head]: readonly [TreeSnapshot, TreeSnapshot, TreeSnapshot],
  toCode: readonly string[],
  edited: readonly string[],
): Promise<[PermissionDiff, PermissionDiff]> {
  const examples = options.examples ?? loadModuleExamples(options.projectRoot);
  const modules = [...new Set([...toCode, ...edited])];
  if (typeof examples === "string")
    return [
      { changes: [], problems: [examples] },
      { changes: [], problems: [examples] },
    ];
  try {
    const [inCommitted, inGenerated, inHead] = await modulePermissions(
      [committed, generated, head],
      modules,
      examples,
    );
    return [diffPermissions(inCommitted, inGenerated, toCode), diffPermissions(inHead, inCommitted, edited)];
  } catch (error) {
    const problem = `module permissions were not evaluated: ${error instanceof Error ? error.message : String(error)}`;
    return [
      { changes: [], problems: [problem] },
      { changes: [], problems: [problem] },
    ];
  }
}
