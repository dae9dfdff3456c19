import { existsSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { UserError } from "../errors";
import { MANIFEST_FILE, parseModuleVersions } from "../config/module-versions";
import { restoreTree, writeTreeAtomically } from "../packager/atomic-tree";
import { changelogPath } from "./changelog";
import { dirtyPaths, git, tagExists, treeAtRef } from "./git";
import {
  gitPath,
  JOURNAL_FILE,
  journalExists,
  readJournal,
  removeJournal,
  type ReleaseJournal,
} from "./release-journal";
import { withPublishLock } from "./publish-lock";

/** What to do with an interrupted publish: tag its release commit (finish) or remove its writes (undo). */
export type ResumeAction = "finish" | "undo";

export interface ResumedRelease {
  readonly tag: string;
  readonly moduleName: string;
  readonly version: string;
}

/** The commit message publish writes: the subject, then a line naming this publish's journal. */
export const releaseSubject = (tag: string): string => `release: ${tag}`;
export const releaseIdLine = (journal: Pick<ReleaseJournal, "releaseId">): string =>
  `Release-Id: ${journal.releaseId}`;

/** Refuses any publish while an interrupted one is recorded: a second one would release twice. */
export function refuseInterruptedRelease(root: string): void {
  if (!journalExists(root)) return;
  const journal = readJournal(root);
  const path = gitPath(root, JOURNAL_FILE);
  if (!journal)
    throw new UserError(
      `publish refused, nothing was changed: ${path} is damaged or was edited; if no publish is running, check \`git log\` and \`git status\`, put things right by hand and remove that file.`,
    );
  throw new UserError(
    `publish refused, nothing was changed: the publish of ${journal.tag} was interrupted (recorded in ${path}). Run \`npm run publish -- ${journal.moduleName} --${journal.commit ? "finish` to tag its commit, or `--undo" : "undo"}\` to remove what it wrote.`,
  );
}

const short = (commit: string) => commit.slice(0, 12);

/** Finishes or undoes the interrupted publish of `moduleName` that the journal records, and nothing else. */
export async function resumeRelease(
  root: string,
  moduleName: string,
  action: ResumeAction,
  log: (line: string) => void,
): Promise<ResumedRelease> {
  return withPublishLock(root, async () => {
    const journal = recordedRelease(root, moduleName, action);
    if (action === "finish") finishRelease(root, journal, log);
    else await undoRelease(root, journal, log);
    removeJournal(root);
    return { tag: journal.tag, moduleName: journal.moduleName, version: journal.version };
  });
}

/** The journal, when it records a publish of this module; every other case is refused by name. */
function recordedRelease(root: string, moduleName: string, action: ResumeAction): ReleaseJournal {
  const path = gitPath(root, JOURNAL_FILE);
  const journal = readJournal(root);
  if (!journal) {
    const why = journalExists(root)
      ? `${path} is damaged or was edited`
      : `no interrupted publish is recorded (${path})`;
    throw new UserError(`publish ${moduleName} --${action}: ${why}; nothing to ${action}.`);
  }
  if (journal.moduleName !== moduleName)
    throw new UserError(
      `publish ${moduleName} --${action} refused, nothing was changed: the interrupted publish recorded is ${journal.tag}, not one of ${moduleName}; run \`npm run publish -- ${journal.moduleName} --${action}\`.`,
    );
  return journal;
}

function finishRelease(root: string, journal: ReleaseJournal, log: (line: string) => void): void {
  const refused = (why: string) =>
    new UserError(`publish ${journal.moduleName} --finish refused, nothing was tagged: ${why}.`);
  if (!journal.commit)
    throw refused(
      `the publish of ${journal.tag} was interrupted before its release commit was recorded; run \`npm run publish -- ${journal.moduleName} --undo\``,
    );
  const head = git(root, ["rev-parse", "HEAD"]).trim();
  if (head !== journal.commit)
    throw refused(
      `HEAD is ${short(head)}, not the release commit ${short(journal.commit)} this publish recorded (amended, reset or committed on top); move HEAD back to it, or put things right by hand and remove ${gitPath(root, JOURNAL_FILE)}`,
    );
  const recorded = manifestVersionAt(root, journal.commit, journal.moduleName);
  if (recorded !== journal.version)
    throw refused(
      `${MANIFEST_FILE} at ${short(journal.commit)} records ${journal.moduleName} ${recorded ?? "(none)"}, not ${journal.version}`,
    );
  const dirty = dirtyPaths(root);
  if (dirty.length)
    throw refused(`the working tree has uncommitted changes (${dirty[0].trim()}); commit or stash them`);
  if (tagExists(root, journal.tag)) {
    const tagged = git(root, ["rev-parse", `${journal.tag}^{commit}`]).trim();
    if (tagged !== journal.commit) throw refused(`tag ${journal.tag} exists and points at ${short(tagged)}`);
    log(`${journal.tag} was already tagged; the record of the interrupted publish is removed.`);
    return;
  }
  try {
    git(root, ["tag", "-a", journal.tag, "-m", git(root, ["log", "-1", "--format=%B"]).trim()]);
  } catch (error) {
    throw refused(`git tag failed (${firstLine(error)})`);
  }
  log(`Tagged ${journal.tag}. Push with: git push origin HEAD ${journal.tag}`);
}

/** The version module-versions.json records for the module at a commit, if any. */
function manifestVersionAt(root: string, commit: string, moduleName: string): string | undefined {
  try {
    const text = git(root, ["show", `${commit}:${MANIFEST_FILE}`]);
    return parseModuleVersions(JSON.parse(text)).modules[moduleName]?.version;
  } catch {
    return undefined;
  }
}

/** Paths a publish of the module writes: the manifest, its changelog and modules-out. */
function isOwnPath(root: string, moduleName: string, path: string): boolean {
  const changelog = changelogPath(root, moduleName).slice(root.length + 1);
  // `.modules-out.tmp-*` / `.old-*`: the packager's swap folders, left by a kill in the middle of it.
  return (
    path === MANIFEST_FILE ||
    path === changelog ||
    path.startsWith("modules-out/") ||
    path.startsWith(".modules-out.")
  );
}

/** `git status --porcelain` line -> path (the new name of a rename). */
const statusPath = (line: string): string => line.slice(3).split(" -> ").pop()?.replace(/^"|"$/g, "") ?? "";

/**
 * Removes what the recorded publish wrote: its commit and tag when it got that far, else its
 * manifest, changelog and modules-out writes; refuses when HEAD or the files hold anything else.
 */
async function undoRelease(
  root: string,
  journal: ReleaseJournal,
  log: (line: string) => void,
): Promise<void> {
  const refused = (why: string) =>
    new UserError(`publish ${journal.moduleName} --undo refused, nothing was changed: ${why}.`);
  const head = git(root, ["rev-parse", "HEAD"]).trim();
  const commit = journal.commit ?? unrecordedCommit(root, journal, head);
  if (head !== journal.base && head !== commit)
    throw refused(
      `HEAD is ${short(head)}, neither the commit the publish of ${journal.tag} started from (${short(journal.base)}) nor ${commit ? `its release commit ${short(commit)}` : "a release commit it made"}; put things right by hand and remove ${gitPath(root, JOURNAL_FILE)}`,
    );
  const foreign = dirtyPaths(root)
    .map(statusPath)
    .filter((path) => !isOwnPath(root, journal.moduleName, path));
  if (foreign.length)
    throw refused(
      `${foreign.slice(0, 3).join(", ")}${foreign.length > 3 ? ` and ${foreign.length - 3} more` : ""} changed and ${foreign.length === 1 ? "was" : "were"} not written by this publish; commit or stash first`,
    );
  removeOwnIndexLock(root, journal, refused);
  await restoreTree(join(root, "modules-out"));
  if (
    commit &&
    tagExists(root, journal.tag) &&
    git(root, ["rev-parse", `${journal.tag}^{commit}`]).trim() === commit
  )
    git(root, ["tag", "-d", journal.tag]);
  git(root, ["reset", "--quiet", journal.base]);
  for (const file of [MANIFEST_FILE, changelogPath(root, journal.moduleName).slice(root.length + 1)]) {
    if (existsAt(root, journal.base, file)) git(root, ["checkout", "--quiet", journal.base, "--", file]);
    else rmSync(join(root, file), { force: true });
  }
  const changelogs = join(root, "changelogs");
  if (
    existsSync(changelogs) &&
    git(root, ["ls-tree", "--name-only", journal.base, "changelogs/"]).trim() === ""
  )
    rmSync(changelogs, { recursive: true, force: true });
  await writeTreeAtomically(join(root, "modules-out"), treeAtRef(root, journal.base, [""]));
  log(
    `Removed what the publish of ${journal.tag} wrote; the repository is at ${short(journal.base)} as before it.`,
  );
}

const existsAt = (root: string, ref: string, path: string): boolean => {
  try {
    git(root, ["cat-file", "-e", `${ref}:${path}`]);
    return true;
  } catch {
    return false;
  }
};

/**
 * A publish killed while `git commit` ran may have made its commit without recording it. That commit
 * is recognised only by what publish wrote into it: parent = the recorded base and the message line
 * `Release-Id: <id of this publish>` (no user commit carries this run's random id).
 */
function unrecordedCommit(root: string, journal: ReleaseJournal, head: string): string | undefined {
  if (head === journal.base) return undefined;
  const [parent, ...rest] = git(root, ["log", "-1", "--format=%P", head]).trim().split(" ");
  const message = git(root, ["log", "-1", "--format=%B", head]);
  const ours =
    rest.length === 0 && parent === journal.base && message.split("\n").includes(releaseIdLine(journal));
  return ours ? head : undefined;
}

/** A .git/index.lock made after the publish started is the one its killed git left; an older one is not ours. */
function removeOwnIndexLock(root: string, journal: ReleaseJournal, refused: (why: string) => Error): void {
  const lock = gitPath(root, "index.lock");
  if (!existsSync(lock)) return;
  if (statSync(lock).mtimeMs + 1000 < journal.started)
    throw refused(
      `${lock} is older than the publish; another git command is running, or one crashed: remove it if none is running`,
    );
  rmSync(lock, { force: true });
}

/** git's own complaint (its stderr), or the error's first line: never a stack trace. */
export function firstLine(error: unknown): string {
  const signal = (error as { signal?: unknown }).signal;
  if (typeof signal === "string") return `killed by ${signal}`;
  const stderr = (error as { stderr?: unknown }).stderr;
  const text =
    typeof stderr === "string" && stderr.trim()
      ? stderr
      : error instanceof Error
        ? error.message
        : String(error);
  return text.trim().split("\n")[0] || "killed";
}
