import { randomBytes } from "node:crypto";
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  unlinkSync,
  writeSync,
} from "node:fs";
import { basename, dirname, join } from "node:path";

/** Relative path (with `/`) -> file contents. */
export type FileTree = ReadonlyMap<string, string>;

export interface AtomicWriteOptions {
  /** How long to wait for another run holding the lock. @default 60000 */
  readonly lockTimeoutMs?: number;
}

/**
 * Replaces `outDir` with exactly `files`, all or nothing. The tree is built and fsynced in a sibling
 * temp folder, then swapped in with two renames under a lock file so concurrent runs never interleave.
 * A run killed at any moment leaves the previous tree; its leftovers (named with its pid) are removed,
 * and an interrupted swap is rolled back, by the next run.
 */
export async function writeTreeAtomically(
  outDir: string,
  files: FileTree,
  options: AtomicWriteOptions = {},
): Promise<void> {
  const parent = dirname(outDir);
  const prefix = `.${basename(outDir)}.`;
  mkdirSync(parent, { recursive: true });
  const suffix = `${process.pid}-${randomBytes(4).toString("hex")}`;
  const temp = join(parent, `${prefix}tmp-${suffix}`);
  removeStale(parent, prefix, outDir);
  // Regenerating an unchanged tree (every synth in CI) writes nothing: no fsyncs, no swap.
  if (treeEquals(outDir, files)) return;
  writeTree(temp, files);

  const lock = await acquireLock(join(parent, `${prefix}lock`), options.lockTimeoutMs ?? 60_000);
  try {
    recoverInterruptedSwap(parent, prefix, outDir);
    const old = join(parent, `${prefix}old-${suffix}`);
    const hadPrevious = existsSync(outDir);
    if (hadPrevious) renameSync(outDir, old);
    renameSync(temp, outDir);
    fsyncPath(parent);
    if (hadPrevious) rmSync(old, { recursive: true, force: true });
  } finally {
    releaseLock(lock);
  }
}

/** Does `root` hold exactly `files`, byte for byte, and nothing else? */
function treeEquals(root: string, files: FileTree): boolean {
  if (!existsSync(root)) return false;
  const found: string[] = [];
  const walk = (directory: string, relative: string): boolean => {
    for (const entry of readdirSync(directory, { withFileTypes: true })) {
      const path = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (!walk(join(directory, entry.name), path)) return false;
      } else if (!entry.isFile() || files.get(path) !== readFileSync(join(directory, entry.name), "utf8")) {
        return false;
      } else {
        found.push(path);
      }
    }
    return true;
  };
  return walk(root, "") && found.length === files.size;
}

function writeTree(root: string, files: FileTree): void {
  mkdirSync(root, { recursive: true });
  const directories = new Set<string>([root]);
  for (const relative of [...files.keys()].sort()) {
    const path = join(root, ...relative.split("/"));
    mkdirSync(dirname(path), { recursive: true });
    directories.add(dirname(path));
    const fd = openSync(path, "w");
    try {
      writeSync(fd, files.get(relative) ?? "");
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }
  for (const directory of directories) fsyncPath(directory);
}

function fsyncPath(path: string): void {
  const fd = openSync(path, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Temp and old folders of runs that are no longer alive (their pid is in the name). */
function removeStale(parent: string, prefix: string, outDir: string): void {
  for (const name of readdirSync(parent)) {
    const match = new RegExp(`^${escapeRegex(prefix)}(tmp|old)-(\\d+)-[0-9a-f]+$`).exec(name);
    if (!match || isAlive(Number(match[2]))) continue;
    // An old tree whose swap never completed is the previous output: never delete it while outDir is missing.
    if (match[1] === "old" && !existsSync(outDir)) continue;
    rmSync(join(parent, name), { recursive: true, force: true });
  }
}

/** A run killed between its two renames left outDir missing and the previous tree as `old-*`: restore it. */
function recoverInterruptedSwap(parent: string, prefix: string, outDir: string): void {
  if (existsSync(outDir)) return;
  const old = readdirSync(parent)
    .filter((name) => name.startsWith(`${prefix}old-`))
    .sort()[0];
  if (old) renameSync(join(parent, old), outDir);
}

function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

async function acquireLock(path: string, timeoutMs: number): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const fd = openSync(path, "wx");
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return path;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const holder = readHolder(path);
    const abandoned = holder === undefined ? isOlderThan(path, 5_000) : !isAlive(holder);
    if (abandoned) {
      // Re-read just before removing so we do not delete a lock another run has just taken.
      if (readHolder(path) === holder) unlinkQuietly(path);
      continue;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `Another run (pid ${holder ?? "unknown"}) holds ${path}; wait for it, or delete the file if no run is active.`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** A lock file without a pid was left by a run killed between creating and filling it. */
function isOlderThan(path: string, ageMs: number): boolean {
  try {
    return Date.now() - statSync(path).mtimeMs > ageMs;
  } catch {
    return false;
  }
}

function readHolder(path: string): number | undefined {
  try {
    const pid = Number(readFileSync(path, "utf8"));
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function releaseLock(path: string): void {
  unlinkQuietly(path);
}

function unlinkQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Already gone: nothing to release.
  }
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
