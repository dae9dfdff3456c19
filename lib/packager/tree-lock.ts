import { AsyncLocalStorage } from "node:async_hooks";
import { lstatSync, unlinkSync } from "node:fs";
import lockfile from "proper-lockfile";
import { UserError } from "../errors";

export interface TreeLockOptions {
  /** How long to wait for another run holding the lock. */
  readonly timeoutMs: number;
  /** A lock whose folder was not touched for this long belongs to a killed run and is taken over. */
  readonly staleMs: number;
}

export interface TreeLock {
  /** Throws when another run took the lock over (this run stalled past the stale time). */
  assertHeld(): void;
  release(): Promise<void>;
}

const POLL_MS = 100;

/**
 * Lock paths the current async call chain holds through withTreeLock: publish holds the modules-out
 * lock across its whole write phase and regenerates modules-out inside it, so that nested
 * acquisition shares the lock instead of waiting for itself. Other callers still wait.
 */
const heldByCaller = new AsyncLocalStorage<ReadonlySet<string>>();

/**
 * The lock at `path`, for a run. Within withTreeLock(path) the caller already holds it: the
 * acquisition is shared, and releasing it leaves the lock to withTreeLock.
 */
export async function acquireTreeLock(path: string, options: TreeLockOptions): Promise<TreeLock> {
  if (heldByCaller.getStore()?.has(path))
    return { assertHeld: () => undefined, release: async () => undefined };
  return acquireFolderLock(path, options);
}

/** Runs `body` holding the lock at `path`; tree writes inside it share the lock. */
export async function withTreeLock<T>(
  path: string,
  options: TreeLockOptions,
  body: () => Promise<T>,
): Promise<T> {
  const lock = await acquireTreeLock(path, options);
  try {
    const paths = new Set([...(heldByCaller.getStore() ?? []), path]);
    return await heldByCaller.run(paths, body);
  } finally {
    await lock.release();
  }
}

async function acquireFolderLock(path: string, options: TreeLockOptions): Promise<TreeLock> {
  removeLegacyLockFile(path);
  let compromised: Error | undefined;
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    try {
      const release = await lockfile.lock(path, {
        lockfilePath: path,
        realpath: false,
        stale: options.staleMs,
        onCompromised: (error) => (compromised = error),
      });
      return {
        assertHeld: () => {
          if (compromised)
            throw new UserError(
              `Another run took over ${path} while this one was stalled; nothing was replaced. Run again.`,
            );
        },
        release: () => release().catch(() => undefined),
      };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "ENOTEMPTY" || code === "ENOTDIR")
        throw new UserError(
          `${path} is not a lock this project made (it has files in it); remove it if no synth is running, then run again.`,
        );
      if (code !== "ELOCKED") throw error;
    }
    if (Date.now() >= deadline) {
      throw new UserError(
        `Another run holds ${path} (still refreshed after ${Math.round(options.timeoutMs / 1000)} s); wait for it to finish, or remove the folder if no synth is running.`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/** Earlier versions locked with a file holding a pid; those runs are gone, so such a file is removed. */
function removeLegacyLockFile(path: string): void {
  try {
    if (lstatSync(path).isFile()) unlinkSync(path);
  } catch {
    // Nothing there, or already removed.
  }
}
