import { moduleTag } from "../naming/module-source";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import type { ModuleExamples } from "../app/module-examples";
import { UserError } from "../errors";
import { diffTrees, type FileChange } from "../diff/file-diff";
import { formatModuleDiff, formatPermissionChange } from "../diff/format-summary";
import { loadModuleExamples } from "../diff/load-examples";
import { moduleInterface, moduleNames } from "../diff/module-interface";
import { modulePermissions, type ModulePermissions } from "../diff/module-permissions";
import { diffPermissions, type PermissionDiff } from "../diff/permission-diff";
import { readTree, type TreeSnapshot } from "../diff/read-tree";
import type { Regenerate } from "../diff/check-drift";
import { changedModules, semanticDiff } from "../diff/semantic-diff";
import { decideBump, nextVersion, type BumpKind } from "./bump";
import { changelogPath, prependEntry } from "./changelog";
import { dirtyPaths, git, lastReleaseTag, tagExists, treeAtRef } from "./git";
import {
  loadModuleVersions,
  MANIFEST_FILE,
  renderModuleVersions,
  type ModuleVersions,
} from "../config/module-versions";
import {
  firstLine,
  refuseInterruptedRelease,
  releaseIdLine,
  releaseSubject,
  resumeRelease,
  type ResumeAction,
} from "./interrupted-release";
import { lockOptionsOf, restoreTree, treeLockPath, writeTreeAtomically } from "../packager/atomic-tree";
import { withTreeLock } from "../packager/tree-lock";
import { randomBytes } from "node:crypto";
import { removeJournal, writeJournal, type ReleaseJournal } from "./release-journal";
import { withPublishLock } from "./publish-lock";
import { consumerSnippets, formatSnippets } from "./snippets";

export interface PublishOptions {
  readonly projectRoot: string;
  readonly moduleName: string;
  /** Overrides the computed level (flag > computed). */
  readonly bump?: BumpKind;
  readonly dryRun: boolean;
  /** settings.repositoryUrl: the git URL in consumer snippets. */
  readonly repositoryUrl: string;
  /** Writes a full modules-out tree (synth + packager); also proves the code still validates. */
  readonly regenerate: Regenerate;
  /** How the module is called to read its permissions; defaults to the project's settings. */
  readonly examples?: ModuleExamples;
  /** Release date, YYYY-MM-DD; defaults to today (UTC). */
  readonly date?: string;
  readonly log: (line: string) => void;
  /** Finish (tag) or undo a release commit an interrupted publish left without its tag. */
  readonly resume?: ResumeAction;
}

export interface PublishResult {
  readonly status: "published" | "dry-run" | "unchanged" | "finished" | "undone";
  readonly version?: string;
  readonly tag?: string;
}

const refuse = (reason: string, problems: readonly string[] = []): UserError =>
  new UserError(`publish refused, nothing was changed: ${reason}`, problems);

/**
 * Versions one module: checks, computes the semver bump from the module's interface and its own
 * permissions against the last tag, records it in module-versions.json and changelogs/<module>.md,
 * commits, and tags `<module>-v<version>`. Every refusal happens before the first write. A dry run
 * previews what the code generates now, committed or not; the real run needs a clean, current tree.
 */
export async function publishModule(options: PublishOptions): Promise<PublishResult> {
  const { projectRoot: root, moduleName, log } = options;
  if (options.resume) {
    const release = await resumeRelease(root, moduleName, options.resume, log);
    const status = options.resume === "finish" ? "finished" : "undone";
    return { status, version: release.version, tag: release.tag };
  }
  refuseInterruptedRelease(root);
  const modulesOut = join(root, "modules-out");
  // A tree a killed run left aside is put back before anything reads modules-out.
  if (!options.dryRun) await restoreTree(modulesOut);
  const startHead = git(root, ["rev-parse", "HEAD"]).trim();
  const committed = readTree(modulesOut);
  assertKnownModule(committed, moduleName);
  const dirty = dirtyPaths(root);
  if (dirty.length && !options.dryRun)
    throw refuse(
      "the working tree has uncommitted changes; commit or stash them (or preview with --dry-run)",
      dirty,
    );
  const generated = await regenerateTree(options);
  const drift = diffTrees(committed, generated);
  if (drift.length && !options.dryRun) {
    throw refuse(
      "modules-out/ differs from what the code generates; run `npm run synth`, commit, and publish again",
      driftLines(drift),
    );
  }
  if (options.dryRun) logPreviewNotes(dirty, drift, log);
  const current = options.dryRun ? generated : committed;

  // The manifest holds each module's version; the highest tag stands in when it has none.
  const recorded = loadModuleVersions(root).modules[moduleName];
  const last = recorded && tagExists(root, recorded.tag) ? recorded : lastReleaseTag(root, moduleName);
  const before: TreeSnapshot = last
    ? treeAtRef(root, last.tag, [`hcl/${moduleName}`, `json/${moduleName}`])
    : new Map();
  if (last && !options.bump && !changedModules(before, current).includes(moduleName)) {
    log(`${moduleName}: nothing to publish, modules-out is unchanged since ${last.tag}.`);
    log(
      `  (hcl/${moduleName} and json/${moduleName} are identical to the tag; modules-out/policies/ holds example renderings and belongs to no module)`,
    );
    return { status: "unchanged", version: last.version, tag: last.tag };
  }

  const { permissions, evaluated } = await comparePermissions(options, before, current, last !== undefined);
  const moduleDiff = semanticDiff(before, current, [moduleName]).modules.find((m) => m.module === moduleName);
  const decision = decideBump(moduleDiff, permissions.changes, changedFiles(before, current, moduleName));
  const bump = options.bump ?? (last ? decision.bump : undefined);
  if (options.bump && last && rank(options.bump) < rank(decision.bump)) {
    log(
      `Warning: --bump ${options.bump} is lower than the computed ${decision.bump} (${decision.reasons.join("; ")}).`,
    );
  }
  const version = nextVersion(last?.version, bump);
  const tag = moduleTag(moduleName, version);
  if (tagExists(root, tag))
    throw refuse(`tag ${tag} already exists`, ["choose another --bump or delete the tag"]);

  const summary = last
    ? [
        ...(moduleDiff ? formatModuleDiff(moduleDiff) : []),
        ...permissions.changes.flatMap(formatPermissionChange),
      ].join("\n")
    : "";
  const reasons = options.bump
    ? [`--bump ${options.bump}`, ...decision.reasons]
    : last
      ? decision.reasons
      : ["first release"];
  log(`${moduleName}: ${last ? `${last.tag} -> ` : ""}${tag} (${bump ?? "first release"})`);
  for (const reason of reasons) log(`  - ${reason}`);
  for (const problem of permissions.problems) log(`Warning: ${problem}`);
  if (summary) log(`Changes:\n${summary}`);

  const snippets = formatSnippets(
    consumerSnippets(options.repositoryUrl, moduleName, tag, moduleInterface(current, moduleName), {
      inputs: evaluated.inputs,
      outputs: outputValues(evaluated.permissions),
    }),
  );
  if (options.dryRun) {
    log("Dry run: nothing was written, committed or tagged.");
    log(snippets);
    return { status: "dry-run", version, tag };
  }

  // One transaction per repository: the publish lock from the first write to the tag, and the
  // modules-out lock with it, so no other publish and no synth interleaves.
  await withPublishLock(root, () =>
    withTreeLock(treeLockPath(modulesOut), lockOptionsOf(), () =>
      writeRelease({ options, startHead, committed, moduleDiff, version, tag, bump, reasons, summary }),
    ),
  );
  log(`Committed and tagged ${tag}. Push with: git push origin HEAD ${tag}`);
  log(snippets);
  return { status: "published", version, tag };
}

interface ReleaseWrite {
  readonly options: PublishOptions;
  readonly startHead: string;
  readonly committed: TreeSnapshot;
  readonly moduleDiff: ReturnType<typeof semanticDiff>["modules"][number] | undefined;
  readonly version: string;
  readonly tag: string;
  readonly bump: BumpKind | undefined;
  readonly reasons: readonly string[];
  readonly summary: string;
}

/** The write phase, under the publish and modules-out locks: manifest, changelog, modules-out, commit, tag. */
async function writeRelease(write: ReleaseWrite): Promise<void> {
  const { options, startHead, committed, moduleDiff, version, tag, bump, reasons, summary } = write;
  const { projectRoot: root, moduleName, log } = options;
  const modulesOut = join(root, "modules-out");
  assertStillCurrent(root, startHead, tag);
  const versions = loadModuleVersions(root);
  const previousMoves = versions.modules[moduleName]?.moved ?? [];
  const updated: ModuleVersions = {
    modules: {
      ...versions.modules,
      [moduleName]: { version, tag, moved: [...previousMoves, ...(moduleDiff?.resourcesRenamed ?? [])] },
    },
  };
  const changelog = changelogPath(root, moduleName);
  const entry = {
    version,
    tag,
    date: options.date ?? new Date().toISOString().slice(0, 10),
    bump: bump ?? "first release",
    reasons,
    summary,
  };
  const journal: ReleaseJournal = {
    moduleName,
    version,
    tag,
    base: startHead,
    releaseId: randomBytes(16).toString("hex"),
    started: Date.now(),
  };
  const release = new ReleaseTransaction(root, committed, [join(root, MANIFEST_FILE), changelog]);
  // Recorded before the first write: a publish killed from here on is recognised by --finish/--undo.
  writeJournal(root, journal);
  await release.run(async (step) => {
    step("writing the manifest and changelog");
    writeFileSync(join(root, MANIFEST_FILE), renderModuleVersions(updated));
    mkdirSync(dirname(changelog), { recursive: true });
    writeFileSync(changelog, prependEntry(root, moduleName, entry));
    // The packager reads the manifest (versions, moved blocks): regenerate so the tag carries them.
    step("regenerating modules-out");
    await options.regenerate(modulesOut);
    warnIfMovedBlocksMissing(modulesOut, moduleName, moduleDiff?.resourcesRenamed.length ?? 0, log);
    const ownPaths = [MANIFEST_FILE, relative(root, changelog), "modules-out"];
    assertOnlyOwnChanges(root, ownPaths);
    step("git add");
    git(root, ["add", "--", ...ownPaths]);
    assertOnlyOwnChanges(root, ownPaths);
    step("git commit");
    git(root, [
      "commit",
      "--quiet",
      "-m",
      releaseSubject(tag),
      "-m",
      summary || reasons.join("\n"),
      "-m",
      releaseIdLine(journal),
    ]);
    release.committed(git(root, ["rev-parse", "HEAD"]).trim());
    writeJournal(root, { ...journal, commit: release.commit });
    step("git tag");
    git(root, [
      "tag",
      "-a",
      tag,
      "-m",
      `${moduleName} ${version}\n\n${reasons.map((r) => `- ${r}`).join("\n")}`,
    ]);
  }, tag);
  removeJournal(root);
}

/**
 * Under the locks, before the first write: the repository is still what the checks saw. Another
 * publish that won the lock, a commit, or an edit since then each refuse this one unchanged.
 */
function assertStillCurrent(root: string, startHead: string, tag: string): void {
  refuseInterruptedRelease(root);
  const head = git(root, ["rev-parse", "HEAD"]).trim();
  if (head !== startHead)
    throw refuse(
      `HEAD moved from ${startHead.slice(0, 12)} to ${head.slice(0, 12)} while this publish was checking (another publish or commit); run publish again`,
    );
  if (tagExists(root, tag))
    throw refuse(`tag ${tag} was created while this publish was checking; run publish again`);
  const dirty = dirtyPaths(root);
  if (dirty.length)
    throw refuse("the working tree changed while this publish was checking; commit or stash it", dirty);
  assertIndexUnlocked(root);
}

/**
 * Only the release's own files may differ from HEAD: a settings edit made while publishing (whose
 * synth output could otherwise be committed) fails the write phase, which then rolls back.
 */
function assertOnlyOwnChanges(root: string, ownPaths: readonly string[]): void {
  const foreign = dirtyPaths(root)
    .map((line) => line.slice(3).split(" -> ").pop() ?? "")
    .filter((path) => !ownPaths.some((own) => path === own || path.startsWith(`${own}/`)));
  if (foreign.length)
    throw new Error(
      `${foreign.slice(0, 3).join(", ")}${foreign.length > 3 ? ` and ${foreign.length - 3} more` : ""} changed while publishing; commit or stash it and publish again`,
    );
}

/** The module's files (both variants) that differ between the tag and now. */
function changedFiles(before: TreeSnapshot, current: TreeSnapshot, moduleName: string): string[] {
  const paths = [...new Set([...before.keys(), ...current.keys()])].filter((path) =>
    [`hcl/${moduleName}/`, `json/${moduleName}/`].some((folder) => path.startsWith(folder)),
  );
  return paths.filter((path) => before.get(path) !== current.get(path)).sort();
}

function assertKnownModule(tree: TreeSnapshot, moduleName: string): void {
  const known = moduleNames(tree);
  if (!known.includes(moduleName)) {
    throw refuse(`unknown module "${moduleName}"`, [
      `known modules: ${known.join(", ") || "(none: run npm run synth)"}`,
    ]);
  }
}

const driftLines = (drift: readonly FileChange[]): string[] =>
  drift.map((change) => `${change.kind}: modules-out/${change.path}`);

function logPreviewNotes(
  dirty: readonly string[],
  drift: readonly FileChange[],
  log: (line: string) => void,
): void {
  if (dirty.length)
    log(`Preview includes ${dirty.length} uncommitted change(s); publishing itself needs them committed.`);
  if (drift.length)
    log(
      `modules-out/ is not regenerated (${drift.length} file(s) differ): previewing what the code generates; run \`npm run synth\` and commit before publishing.`,
    );
}

/** The module's permissions in the last tag and now, and what the current tree evaluated to. */
async function comparePermissions(
  options: PublishOptions,
  before: TreeSnapshot,
  current: TreeSnapshot,
  released: boolean,
): Promise<{
  permissions: PermissionDiff;
  evaluated: { inputs: Readonly<Record<string, unknown>>; permissions: ModulePermissions };
}> {
  const examples = options.examples ?? loadModuleExamples(options.projectRoot);
  if (typeof examples === "string") {
    // A first release or a forced --bump needs no comparison; the snippets then read outputs generically.
    if (released && !options.bump) throw refuse(examples);
    return {
      permissions: { changes: [], problems: [examples] },
      evaluated: { inputs: {}, permissions: new Map() },
    };
  }
  const [inBefore, inCurrent] = await modulePermissions([before, current], [options.moduleName], examples);
  const permissions = diffPermissions(inBefore, inCurrent, [options.moduleName]);
  if (released && permissions.problems.length && !options.bump)
    throw refuse(
      "the module's permissions could not be compared with its last tag (give --bump to publish anyway)",
      permissions.problems,
    );
  return {
    permissions: released ? permissions : { changes: [], problems: permissions.problems },
    evaluated: {
      inputs: examples.probes[0]?.inputs ?? {},
      permissions: inCurrent.get(options.moduleName) ?? new Map(),
    },
  };
}

/** Each output's first non-null value over the probes (a count-0 resource reads as null). */
function outputValues(permissions: ModulePermissions): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const evaluation of permissions.values())
    if (evaluation.ok)
      for (const [name, value] of Object.entries(evaluation.outputs))
        if (values[name] === undefined || values[name] === null) values[name] = value;
  return values;
}

/** Regenerating proves the code still synthesizes and validates; the tree is what the code makes. */
async function regenerateTree(options: PublishOptions): Promise<TreeSnapshot> {
  const scratch = mkdtempSync(join(tmpdir(), "stm-publish-"));
  try {
    try {
      await options.regenerate(join(scratch, "modules-out"));
    } catch (error) {
      throw refuse("validation failed while regenerating the modules", [
        error instanceof Error ? error.message : String(error),
      ]);
    }
    return readTree(join(scratch, "modules-out"));
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

const rank = (bump: BumpKind): number => ({ patch: 0, minor: 1, major: 2 })[bump];

function warnIfMovedBlocksMissing(
  modulesOut: string,
  moduleName: string,
  renames: number,
  log: (line: string) => void,
): void {
  if (renames === 0) return;
  const main = join(modulesOut, "hcl", moduleName, "main.tf");
  const text = existsSync(main) ? readFileSync(main, "utf8") : "";
  const found = (text.match(/^moved\s*\{/gm) ?? []).length;
  if (found < renames) {
    log(
      `Warning: ${renames} resource address change(s) recorded in ${MANIFEST_FILE}, but ${relative(modulesOut, main)} has ${found} moved block(s): the packager must emit movedBlocksFor(versions, "${moduleName}").`,
    );
  }
}

/** A stale `.git/index.lock` would fail `git add` after the files are written: refuse before. */
function assertIndexUnlocked(root: string): void {
  const lock = join(root, git(root, ["rev-parse", "--git-path", "index.lock"]).trim());
  if (existsSync(lock))
    throw refuse(
      `${lock} exists: another git command is running, or one crashed; remove the file if none is running`,
    );
}

/**
 * The write phase of a release, all or nothing: any failure (a killed or failing git, a full disk)
 * puts the manifest, the changelog, modules-out, the index, HEAD and the tags back as they were.
 */
class ReleaseTransaction {
  private readonly head: string;
  private readonly saved: ReadonlyMap<string, string | undefined>;
  /** The release commit, once `git commit` returned: the only commit and tag target rollback removes. */
  commit: string | undefined;

  constructor(
    private readonly root: string,
    private readonly modulesOut: TreeSnapshot,
    files: readonly string[],
  ) {
    this.head = git(root, ["rev-parse", "HEAD"]).trim();
    this.saved = new Map(
      files.map((file) => [file, existsSync(file) ? readFileSync(file, "utf8") : undefined]),
    );
  }

  committed(commit: string): void {
    this.commit = commit;
  }

  async run(body: (step: (name: string) => void) => Promise<void>, tag: string): Promise<void> {
    let current = "starting";
    try {
      await body((name) => (current = name));
    } catch (error) {
      const left = await this.rollBack(tag);
      throw new UserError(
        `publish failed at ${current} (${firstLine(error)}); ${left.length ? `rolled back except: ${left.join(", ")}` : "the repository is exactly as before"}.`,
      );
    }
  }

  /** Restores everything; returns what could not be restored (empty when all is as before). */
  private async rollBack(tag: string): Promise<string[]> {
    const attempt = (what: string, undo: () => unknown): string[] => {
      try {
        undo();
        return [];
      } catch (error) {
        return [`${what} (${firstLine(error)})`];
      }
    };
    // Checked absent before the first write: a lock now is the one our killed git left behind.
    const indexLock = join(this.root, git(this.root, ["rev-parse", "--git-path", "index.lock"]).trim());
    const left = [
      ...attempt("the index lock our git left", () => rmSync(indexLock, { force: true })),
      ...attempt(`tag ${tag}`, () => this.removeOwnTag(tag)),
      ...attempt("HEAD and the index", () => this.resetOwnCommit()),
      ...[...this.saved].flatMap(([file, text]) =>
        attempt(file, () => (text === undefined ? rmSync(file, { force: true }) : writeFileSync(file, text))),
      ),
    ];
    try {
      await writeTreeAtomically(join(this.root, "modules-out"), this.modulesOut);
    } catch (error) {
      left.push(`modules-out (${firstLine(error)})`);
    }
    const changelogs = join(this.root, "changelogs");
    if (existsSync(changelogs) && readdirSync(changelogs).length === 0)
      rmSync(changelogs, { recursive: true });
    // Everything is back: no interrupted publish to finish or undo. Otherwise the record stays for --undo.
    if (left.length === 0) removeJournal(this.root);
    return left;
  }

  /** Deletes the tag only when it points at this run's own release commit. */
  private removeOwnTag(tag: string): void {
    if (!this.commit || !tagExists(this.root, tag)) return;
    if (git(this.root, ["rev-parse", `${tag}^{commit}`]).trim() !== this.commit)
      throw new Error(`it points at another publish's commit and was left alone`);
    git(this.root, ["tag", "-d", tag]);
  }

  /** Moves HEAD back only from this run's own commit (or resets the index at the base it started from). */
  private resetOwnCommit(): void {
    const head = git(this.root, ["rev-parse", "HEAD"]).trim();
    if (head !== this.head && head !== this.commit)
      throw new Error(`HEAD is ${head.slice(0, 12)}, a commit this publish did not make, and was left alone`);
    git(this.root, ["reset", "--quiet", this.head]);
  }
}
