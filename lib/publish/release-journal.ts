import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { isAbsolute, join } from "node:path";
import { z } from "zod";
import { git } from "./git";

/**
 * What a publish records before its first write, so that an interrupted one (killed, power lost) is
 * recognised exactly: `--finish` and `--undo` act on this record only, never on a commit subject.
 * It lives in the repository's git folder, where no commit carries it.
 */
const journalSchema = z.strictObject({
  moduleName: z.string(),
  version: z.string(),
  tag: z.string(),
  /** HEAD when the write phase started: what --undo returns to. */
  base: z.string().regex(/^[0-9a-f]{40,64}$/),
  /** The release commit, once `git commit` returned. */
  commit: z
    .string()
    .regex(/^[0-9a-f]{40,64}$/)
    .optional(),
  /** Random, written into the release commit's message: identifies a commit the journal missed. */
  releaseId: z.string().regex(/^[0-9a-f]{16,64}$/),
  /** The moment the write phase started (ms since the epoch). */
  started: z.number(),
});

export type ReleaseJournal = z.infer<typeof journalSchema>;

export const JOURNAL_FILE = "secure-tf-modules-publish.json";

/** A path inside the git folder (`.git/<name>`, or a worktree's own git folder). */
export function gitPath(root: string, name: string): string {
  const path = git(root, ["rev-parse", "--git-path", name]).trim();
  return isAbsolute(path) ? path : join(root, path);
}

export function readJournal(root: string): ReleaseJournal | undefined {
  const path = gitPath(root, JOURNAL_FILE);
  if (!existsSync(path)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, "utf8"));
  } catch {
    parsed = undefined;
  }
  const result = journalSchema.safeParse(parsed);
  // A torn record (killed while writing it) cannot happen: it is written by rename. Anything else
  // was edited by hand, and is treated as no record at all rather than trusted.
  return result.success ? result.data : undefined;
}

/** Written to a temporary file and renamed: a reader sees the old record or the new one. */
export function writeJournal(root: string, journal: ReleaseJournal): void {
  const path = gitPath(root, JOURNAL_FILE);
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(journal, null, 2)}\n`);
  renameSync(temporary, path);
}

export function removeJournal(root: string): void {
  rmSync(gitPath(root, JOURNAL_FILE), { force: true });
}

/** Is there a journal file, valid or not? A damaged one still blocks publishing. */
export function journalExists(root: string): boolean {
  return existsSync(gitPath(root, JOURNAL_FILE));
}
