import { randomBytes } from "node:crypto";
import {
  closeSync,
  existsSync,
  fsyncSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
} from "node:fs";
import { mkdir, open } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { fromFileSystemError, UserError } from "../errors";
import { acquireTreeLock } from "./tree-lock";

/** Relative path (with `/`) -> file contents. */
export type FileTree = ReadonlyMap<string, string>;

export interface AtomicWriteOptions {
  /** How long to wait for another run holding the lock. @default 60000 */
  readonly lockTimeoutMs?: number;
  /** When a lock nobody refreshes counts as left by a killed run. @default 10000 (minimum 2000) */
  readonly lockStaleMs?: number;
}

/**
 * Replaces `outDir` with exactly `files`, all or nothing. Under a lock folder, the tree is built and
 * fsynced in a sibling temp folder, then swapped in with two renames; a failed second rename puts the
 * previous tree back. Every run first restores a swap a killed run interrupted and removes leftovers.
 * A symlinked outDir is followed (its target is replaced); file-system failures are one line each.
 */
export async function writeTreeAtomically(
  outDir: string,
  files: FileTree,
  options: AtomicWriteOptions = {},
): Promise<void> {
  const target = resolveOutDir(outDir);
  try {
    await replaceUnderLock(target, files, options);
  } catch (error) {
    throw fromFileSystemError(error, `Could not write ${outDir} (it was left as it was)`);
  }
}

/** The lock folder every write of `outDir` takes (`.modules-out.lock` next to modules-out/). */
export function treeLockPath(outDir: string): string {
  const target = resolveOutDir(outDir);
  return join(dirname(target), `.${basename(target)}.lock`);
}

/** Waits and stale times of the tree lock, for callers that hold it around their own writes. */
export const lockOptionsOf = (options: AtomicWriteOptions = {}) => ({
  timeoutMs: options.lockTimeoutMs ?? 60_000,
  staleMs: options.lockStaleMs ?? 10_000,
});

/** Puts back a tree a run killed between its two renames left aside, under the tree's lock. */
export async function restoreTree(outDir: string): Promise<void> {
  const target = resolveOutDir(outDir);
  const parent = dirname(target);
  if (!existsSync(parent)) return;
  const prefix = `.${basename(target)}.`;
  const lock = await acquireTreeLock(join(parent, `${prefix}lock`), lockOptionsOf());
  try {
    restoreInterruptedSwap(parent, prefix, target);
  } finally {
    await lock.release();
  }
}

async function replaceUnderLock(target: string, files: FileTree, options: AtomicWriteOptions): Promise<void> {
  const parent = dirname(target);
  const prefix = `.${basename(target)}.`;
  mkdirSync(parent, { recursive: true });
  const lock = await acquireTreeLock(join(parent, `${prefix}lock`), lockOptionsOf(options));
  try {
    restoreInterruptedSwap(parent, prefix, target);
    removeLeftovers(parent, prefix);
    // Regenerating an unchanged tree (every synth in CI) writes nothing: no fsyncs, no swap.
    if (treeEquals(target, files)) return;
    const suffix = `${process.pid}-${randomBytes(4).toString("hex")}`;
    const temp = join(parent, `${prefix}tmp-${suffix}`);
    try {
      await writeTree(temp, files);
    } catch (error) {
      rmSync(temp, { recursive: true, force: true });
      throw error;
    }
    lock.assertHeld();
    swap(target, temp, join(parent, `${prefix}old-${suffix}`));
  } finally {
    await lock.release();
  }
}

/** The previous tree moves aside, the new one takes its name; if that fails the previous one returns. */
function swap(target: string, temp: string, old: string): void {
  const hadPrevious = existsSync(target);
  if (hadPrevious) renameSync(target, old);
  try {
    renameSync(temp, target);
  } catch (error) {
    if (hadPrevious) restoreOrExplain(old, target);
    rmSync(temp, { recursive: true, force: true });
    throw error;
  }
  fsyncPath(dirname(target));
  try {
    rmSync(old, { recursive: true, force: true });
  } catch {
    // The new tree is in place; an old copy that cannot be removed now is removed by the next run.
  }
}

function restoreOrExplain(old: string, target: string): void {
  try {
    renameSync(old, target);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "error";
    throw new UserError(
      `Could not put the previous tree back (${code}); it is kept as ${old} and the next run restores it to ${target}.`,
    );
  }
}

/** A symlink is followed to the folder it names; a dangling link or a file there is refused. */
function resolveOutDir(outDir: string): string {
  let stat;
  try {
    stat = lstatSync(outDir);
  } catch {
    return outDir;
  }
  if (stat.isSymbolicLink()) {
    const link = readlinkSync(outDir);
    if (!existsSync(outDir))
      throw new UserError(
        `${outDir} is a symbolic link to ${link}, which does not exist: create that folder or remove the link, then run again.`,
      );
    if (!statSync(outDir).isDirectory())
      throw new UserError(
        `${outDir} links to ${link}, which is not a folder: remove the link, then run again.`,
      );
    return realpathSync(outDir);
  }
  if (!stat.isDirectory())
    throw new UserError(
      `${outDir} is a file, not a folder: move it away (synth writes a folder there), then run again.`,
    );
  return outDir;
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

/** Async, so the lock's refresh timer keeps running while a large tree is written. */
async function writeTree(root: string, files: FileTree): Promise<void> {
  await mkdir(root, { recursive: true });
  const directories = new Set<string>([root]);
  for (const relative of [...files.keys()].sort()) {
    const path = join(root, ...relative.split("/"));
    await mkdir(dirname(path), { recursive: true });
    directories.add(dirname(path));
    const handle = await open(path, "w");
    try {
      await handle.writeFile(files.get(relative) ?? "");
      await handle.sync();
    } finally {
      await handle.close();
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

/** Under the lock no other run has a temp or old folder: every one that is left is a leftover. */
function removeLeftovers(parent: string, prefix: string): void {
  for (const name of readdirSync(parent)) {
    if (/^(tmp|old)-\d+-[0-9a-f]+$/.test(name.slice(prefix.length)) && name.startsWith(prefix))
      rmSync(join(parent, name), { recursive: true, force: true });
  }
}

/** A run killed between its two renames left outDir missing and the previous tree as `old-*`: restore it. */
function restoreInterruptedSwap(parent: string, prefix: string, outDir: string): void {
  if (existsSync(outDir)) return;
  const old = readdirSync(parent)
    .filter((name) => name.startsWith(`${prefix}old-`))
    .sort()[0];
  if (old) renameSync(join(parent, old), outDir);
}
