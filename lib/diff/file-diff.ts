import { createTwoFilesPatch } from "diff";
import type { TreeSnapshot } from "./read-tree";

export type FileChangeKind = "added" | "removed" | "changed";

export interface FileChange {
  /** Path relative to modules-out/, e.g. `hcl/state-backend/main.tf`. */
  readonly path: string;
  readonly kind: FileChangeKind;
  /** Unified diff: `a/` is modules-out/ as read (the working tree), `b/` is what the code generates now. */
  readonly patch: string;
}

/** Lines longer than this are shown split before each object in a list, one statement a line. */
export const LONG_LINE = 240;

/**
 * A generated policy is one line of tens of kilobytes; diffed whole, one changed action prints the
 * whole line twice. Split before each object that is a list element (`[{`, `, {`), so the diff shows
 * the statement that changed with its neighbours as context.
 */
export function splitLongLines(text: string): string {
  return text
    .split("\n")
    .map((line) => (line.length > LONG_LINE ? line.replace(/(, |\[)(?=\{)/g, "$1\n    ") : line))
    .join("\n");
}

/** Every file that differs between the committed tree and the regenerated one, in path order. */
export function diffTrees(
  committed: TreeSnapshot,
  generated: TreeSnapshot,
  label = "modules-out",
): FileChange[] {
  const paths = [...new Set([...committed.keys(), ...generated.keys()])].sort();
  const changes: FileChange[] = [];
  for (const path of paths) {
    const before = committed.get(path);
    const after = generated.get(path);
    if (before === after) continue;
    const kind: FileChangeKind = before === undefined ? "added" : after === undefined ? "removed" : "changed";
    const split = [before, after].some((text) => text?.split("\n").some((line) => line.length > LONG_LINE));
    const note = split
      ? `(lines over ${LONG_LINE} characters split before each object in a list)`
      : undefined;
    const patch = createTwoFilesPatch(
      before === undefined ? "/dev/null" : `a/${label}/${path}`,
      after === undefined ? "/dev/null" : `b/${label}/${path}`,
      splitLongLines(before ?? ""),
      splitLongLines(after ?? ""),
      note,
      note,
      { context: 3 },
    );
    changes.push({ path, kind, patch });
  }
  return changes;
}
