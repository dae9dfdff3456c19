import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/**
 * A modules-out tree as data: POSIX relative path (e.g. `json/state-backend/main.tf.json`) -> text.
 * Trees from disk and from a git tag share this shape, so one comparison serves drift and publish.
 */
export type TreeSnapshot = ReadonlyMap<string, string>;

/** Reads every file under root; a missing root is an empty tree (nothing generated yet). */
export function readTree(root: string): TreeSnapshot {
  const files = new Map<string, string>();
  if (!existsSync(root)) return files;
  const walk = (dir: string, prefix: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(join(dir, entry.name), relative);
      else if (entry.isFile()) files.set(relative, readFileSync(join(dir, entry.name), "utf8"));
    }
  };
  walk(root, "");
  return new Map([...files.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** The files of one tree under a folder prefix, with the prefix removed. */
export function subTree(tree: TreeSnapshot, folder: string): TreeSnapshot {
  const prefix = `${folder.replace(/\/$/, "")}/`;
  const files = new Map<string, string>();
  for (const [path, text] of tree) if (path.startsWith(prefix)) files.set(path.slice(prefix.length), text);
  return files;
}
