import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { diffTrees, type FileChange } from "./file-diff";
import { formatSemanticDiff } from "./format-summary";
import { generateModules } from "../app/generate-modules";
import { readTree } from "./read-tree";
import { semanticDiff, type SemanticDiff } from "./semantic-diff";

/** Writes a complete modules-out tree into the given folder. */
export type Regenerate = (outDir: string) => Promise<void>;

export interface DriftOptions {
  readonly projectRoot: string;
  /** The committed tree; defaults to <projectRoot>/modules-out. */
  readonly modulesOutDir?: string;
  /** Defaults to generateModules (synth + packager); tests and publish inject their own. */
  readonly regenerate?: Regenerate;
}

export interface DriftResult {
  readonly clean: boolean;
  readonly changes: readonly FileChange[];
  readonly semantic: SemanticDiff;
  /** What `npm run diff` prints. */
  readonly report: string;
}

/** Regenerates every module into a temporary folder and compares it with the committed tree. */
export async function checkDrift(options: DriftOptions): Promise<DriftResult> {
  const committedDir = options.modulesOutDir ?? join(options.projectRoot, "modules-out");
  const regenerate = options.regenerate ?? ((outDir: string) => generateModules(outDir, options.projectRoot));
  const scratch = mkdtempSync(join(tmpdir(), "stm-diff-"));
  try {
    const generatedDir = join(scratch, "modules-out");
    await regenerate(generatedDir);
    const committed = readTree(committedDir);
    const generated = readTree(generatedDir);
    const changes = diffTrees(committed, generated);
    const semantic = semanticDiff(committed, generated);
    return { clean: changes.length === 0, changes, semantic, report: formatDriftReport(changes, semantic) };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

function formatDriftReport(changes: readonly FileChange[], semantic: SemanticDiff): string {
  if (changes.length === 0) return "modules-out/ is up to date with the code: no drift.";
  const summary = formatSemanticDiff(semantic);
  return [
    `modules-out/ differs from what the code generates: ${changes.length} file(s). Run \`npm run synth\` and commit modules-out/.`,
    ...changes.map((change) => `  ${change.kind}: modules-out/${change.path}`),
    "",
    "## Semantic summary (committed -> generated)",
    summary ||
      "No change to variables, outputs, resources or permissions (formatting, docs or expressions only).",
    "",
    "## Unified diff",
    ...changes.map((change) => change.patch),
  ].join("\n");
}
