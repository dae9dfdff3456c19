import { createTwoFilesPatch } from "diff";
import type { TreeSnapshot } from "./read-tree";

export type FileChangeKind = "added" | "removed" | "changed";

export interface FileChange {
  /** Path relative to modules-out/, e.g. `hcl/state-backend/main.tf`. */
  readonly path: string;
  readonly kind: FileChangeKind;
  /** Unified diff: `a/` is what is committed, `b/` is what the code generates now. */
  readonly patch: string;
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
    const patch = createTwoFilesPatch(
      before === undefined ? "/dev/null" : `a/${label}/${path}`,
      after === undefined ? "/dev/null" : `b/${label}/${path}`,
      before ?? "",
      after ?? "",
      undefined,
      undefined,
      { context: 3 },
    );
    changes.push({ path, kind, patch });
  }
  return changes;
}
