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
 * The lock is a folder (proper-lockfile: mkdir is atomic, the holder refreshes its mtime, a lock
 * nobody refreshes is stale after `staleMs`), so pids, reused or not, play no part. Every wait is
 * bounded by `timeoutMs`, whatever sits at the lock path.
 */
export async function acquireTreeLock(path: string, options: TreeLockOptions): Promise<TreeLock> {
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
