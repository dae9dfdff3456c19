import { execFileSync, spawn, spawnSync } from "node:child_process";
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { UserError } from "../../lib/errors";
import { treeLockPath, writeTreeAtomically } from "../../lib/packager/atomic-tree";
import { readTree } from "../../lib/diff/read-tree";
import { PUBLISH_LOCK } from "../../lib/publish/publish-lock";
import { publishModule } from "../../lib/publish/publish-module";
import { gitPath } from "../../lib/publish/release-journal";
import { generatedModulesOut } from "../support/generated-modules-out";
import { interruptedPublishOptions, type Action } from "./interrupted-publish";

const MODULE = "state-access-policy";
const TAG = `${MODULE}-v1.0.0`;
const PROJECT = join(__dirname, "..", "..");
const CHILD = join(__dirname, "publish-child.ts");
const JOURNAL = join(".git", "secure-tf-modules-publish.json");

const git = (cwd: string, ...args: string[]) =>
  execFileSync("git", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });

/** Everything a publish could change: HEAD, tags, index and working tree, the log. */
const snapshot = (repo: string) => ({
  head: git(repo, "rev-parse", "HEAD").trim(),
  tags: git(repo, "tag", "--list"),
  status: git(repo, "status", "--porcelain", "--untracked-files=all"),
  log: git(repo, "log", "--format=%H %s"),
  modulesOut: existsSync(join(repo, "modules-out")),
});

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

describe("publish is one transaction per repository (issue 24)", () => {
  let work: string;
  let pristine: string;
  let generated: string;
  let repo: string;
  let fakeBin: string;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), "stm-publish-interrupted-"));
    pristine = join(work, "pristine");
    generated = await generatedModulesOut();
    mkdirSync(pristine);
    cpSync(join(PROJECT, "cdktf.json"), join(pristine, "cdktf.json"));
    cpSync(generated, join(pristine, "modules-out"), { recursive: true });
    git(pristine, "init", "--quiet", "-b", "main");
    for (const [key, value] of [
      ["user.email", "test@example.com"],
      ["user.name", "Test"],
      ["commit.gpgsign", "false"],
      ["tag.gpgsign", "false"],
    ])
      git(pristine, "config", key, value);
    git(pristine, "add", "-A");
    git(pristine, "commit", "--quiet", "-m", "modules");
    // A git that, at one command line, kills the publish that ran it (and itself, unless told to run on).
    fakeBin = join(work, "bin");
    const realGit = execFileSync("sh", ["-c", "command -v git"], { encoding: "utf8" }).trim();
    mkdirSync(fakeBin);
    writeFileSync(
      join(fakeBin, "git"),
      `#!/bin/sh\ncase "$*" in "\${STM_KILL_PUBLISH_AT:-none}"*) kill -9 $PPID; [ -n "$STM_GIT_RUNS_ON" ] || kill -9 $$;; esac\nexec ${realGit} "$@"\n`,
    );
    chmodSync(join(fakeBin, "git"), 0o755);
  }, 120000);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  beforeEach(() => {
    repo = mkdtempSync(join(work, "repo-"));
    cpSync(pristine, repo, { recursive: true });
  });
  afterEach(() => rmSync(repo, { recursive: true, force: true }));

  function start(action: string, options: { fault?: string; module?: string; env?: NodeJS.ProcessEnv } = {}) {
    const child = spawn(
      process.execPath,
      ["--import", "tsx", CHILD, repo, generated, options.module ?? MODULE, action, options.fault ?? "none"],
      {
        env: {
          ...process.env,
          CHECKPOINT_DISABLE: "1",
          PATH: `${fakeBin}${delimiter}${process.env.PATH}`,
          ...options.env,
        },
      },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (data: Buffer) => (stdout += data.toString()));
    child.stderr.on("data", (data: Buffer) => (stderr += data.toString()));
    return new Promise<Run>((resolve) => child.on("close", (status) => resolve({ status, stdout, stderr })));
  }
  const run = (action: string, options: Parameters<typeof start>[1] = {}) => start(action, options);

  /**
   * The same publish (interrupted-publish.ts) in this process, for every run nobody kills: its
   * status and output as the child would give them (exitOnUserError: `Error: <message>`, exit 1).
   * Anything written straight to stdout or stderr during the run is caught too.
   */
  async function inProcess(action: Action, options: { module?: string } = {}): Promise<Run> {
    let stdout = "";
    let stderr = "";
    const writes = [process.stdout, process.stderr].map((stream) =>
      jest.spyOn(stream, "write").mockImplementation((chunk: string | Uint8Array) => {
        if (stream === process.stdout) stdout += chunk.toString();
        else stderr += chunk.toString();
        return true;
      }),
    );
    const log = (line: string) => process.stdout.write(`${line}\n`);
    try {
      await publishModule(
        interruptedPublishOptions(repo, generated, options.module ?? MODULE, action, "none", log),
      );
      return { status: 0, stdout, stderr };
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      return { status: 1, stdout, stderr: `${stderr}Error: ${error.message}\n` };
    } finally {
      for (const write of writes) write.mockRestore();
    }
  }

  /**
   * The locks a killed run left (publish lock, modules-out lock) made older than their stale time,
   * as they are when the user runs again a minute later: the next run takes them over at once
   * instead of waiting 10 s. One test ("killed at git tag: --finish ...") still waits for real.
   */
  function ageLeftLocks(): void {
    const minuteAgo = (Date.now() - 60_000) / 1000;
    for (const lock of [gitPath(repo, PUBLISH_LOCK), treeLockPath(join(repo, "modules-out"))])
      if (existsSync(lock)) utimesSync(lock, minuteAgo, minuteAgo);
  }

  function expectOneLineRefusal(result: Run, rule: RegExp): void {
    expect(result.status).toBe(1);
    expect(result.stderr.trim().split("\n")).toEqual([expect.stringMatching(rule)]);
  }

  it("two concurrent publishes of one module: one release, and the loser leaves it alone", async () => {
    for (let round = 0; round < 2; round++) {
      rmSync(repo, { recursive: true, force: true });
      cpSync(pristine, repo, { recursive: true });
      const [a, b] = await Promise.all([run("publish"), run("publish")]);
      const winners = [a, b].filter((r) => r.status === 0);
      const losers = [a, b].filter((r) => r.status !== 0);
      expect(winners).toHaveLength(1);
      expect(winners[0].stdout).toContain(`Committed and tagged ${TAG}`);
      expect(losers[0].stderr).toMatch(/^Error: publish refused, nothing was changed: /);
      // The winner's release is intact: its tag on HEAD, one release commit, a clean tree.
      expect(git(repo, "rev-parse", `${TAG}^{commit}`)).toBe(git(repo, "rev-parse", "HEAD"));
      expect(git(repo, "log", "--format=%s")).toBe(`release: ${TAG}\nmodules\n`);
      expect(git(repo, "status", "--porcelain")).toBe("");
      expect(existsSync(join(repo, JOURNAL))).toBe(false);
    }
  }, 240000);

  it.each([
    ["after the manifest and changelog write", { fault: "kill-after-writes" }],
    ["at git add (git never ran)", { env: { STM_KILL_PUBLISH_AT: "add --" } }],
    ["at git add (git ran on)", { env: { STM_KILL_PUBLISH_AT: "add --", STM_GIT_RUNS_ON: "1" } }],
    [
      "at git commit (git ran on: a commit nobody recorded)",
      { env: { STM_KILL_PUBLISH_AT: "commit --quiet", STM_GIT_RUNS_ON: "1" } },
    ],
    ["while modules-out is moved aside", { fault: "kill-between-renames" }],
    ["at git tag (the commit recorded)", { env: { STM_KILL_PUBLISH_AT: "tag -a" } }],
  ])(
    "killed %s: recognised, and --undo puts the repository back exactly",
    async (_when, fault) => {
      const before = snapshot(repo);
      const killed = await run("publish", fault);
      expect(killed.status).toBeNull();
      ageLeftLocks();
      const next = await inProcess("publish");
      expectOneLineRefusal(next, new RegExp(`the publish of ${TAG} was interrupted .*--undo`));
      const undone = await inProcess("undo");
      expect(undone.stderr).toBe("");
      expect(undone.status).toBe(0);
      expect(snapshot(repo)).toEqual(before);
      expect(existsSync(join(repo, JOURNAL))).toBe(false);
      expect((await inProcess("publish")).status).toBe(0);
    },
    240000,
  );

  it("killed before its commit: --finish refuses (nothing to tag) and names --undo", async () => {
    await run("publish", { fault: "kill-after-writes" });
    ageLeftLocks();
    expectOneLineRefusal(
      await inProcess("finish"),
      /--finish refused, nothing was tagged: .*before its release commit was recorded; run `npm run publish -- state-access-policy --undo`/,
    );
  }, 120000);

  it("killed at git tag: --finish tags exactly the recorded commit", async () => {
    // In a process of its own right after the kill: it waits for the killed run's lock to go stale.
    await run("publish", { env: { STM_KILL_PUBLISH_AT: "tag -a" } });
    const head = git(repo, "rev-parse", "HEAD");
    const finished = await run("finish");
    expect(finished.status).toBe(0);
    expect(git(repo, "rev-parse", `${TAG}^{commit}`)).toBe(head);
    expect(existsSync(join(repo, JOURNAL))).toBe(false);
  }, 120000);

  it("--finish/--undo refuse, by name and changing nothing, anything but the recorded commit", async () => {
    // Nothing recorded: a user's own commit titled like a release is not a release.
    writeFileSync(join(repo, "notes.txt"), "mine\n");
    git(repo, "add", "notes.txt");
    git(repo, "commit", "--quiet", "-m", "release: state-access-policy-v9.9.9");
    let before = snapshot(repo);
    expectOneLineRefusal(
      await inProcess("undo"),
      /--undo: no interrupted publish is recorded .*; nothing to undo\.$/,
    );
    expectOneLineRefusal(await inProcess("finish"), /--finish: no interrupted publish is recorded/);
    expect(snapshot(repo)).toEqual(before);

    // A recorded release commit, interrupted before its tag.
    await run("publish", { env: { STM_KILL_PUBLISH_AT: "tag -a" } });
    ageLeftLocks();
    before = snapshot(repo);
    expectOneLineRefusal(
      await inProcess("undo", { module: "nope" }),
      /publish nope --undo refused, nothing was changed: the interrupted publish recorded is state-access-policy-v1\.0\.0, not one of nope/,
    );
    expectOneLineRefusal(
      await inProcess("finish", { module: "deploy-policies" }),
      /not one of deploy-policies/,
    );
    expect(snapshot(repo)).toEqual(before);

    // A leftover ref lock: one line, no stack trace.
    writeFileSync(join(repo, ".git", "refs", "tags", `${TAG}.lock`), "");
    expectOneLineRefusal(
      await inProcess("finish"),
      /--finish refused, nothing was tagged: git tag failed \(.*lock/,
    );
    rmSync(join(repo, ".git", "refs", "tags", `${TAG}.lock`));

    // The release commit amended (here: its manifest made to say another version).
    const manifest = join(repo, "module-versions.json");
    writeFileSync(manifest, readFileSync(manifest, "utf8").replace(/1\.0\.0/g, "7.0.0"));
    git(repo, "commit", "--quiet", "--amend", "-a", "--no-edit");
    before = snapshot(repo);
    expectOneLineRefusal(
      await inProcess("finish"),
      /--finish refused, nothing was tagged: HEAD is [0-9a-f]{12}, not the release commit [0-9a-f]{12} this publish recorded/,
    );
    expectOneLineRefusal(
      await inProcess("undo"),
      /--undo refused, nothing was changed: HEAD is [0-9a-f]{12}, neither/,
    );
    expect(snapshot(repo)).toEqual(before);
  }, 240000);

  it("a synth during the write phase waits for it, and a settings edit never reaches the release commit", async () => {
    const policies = readTree(join(repo, "modules-out", "policies"));
    const publishing = run("publish", { fault: "slow-write-phase" });
    for (let i = 0; i < 600 && !existsSync(join(repo, JOURNAL)); i++)
      await new Promise((r) => setTimeout(r, 50));
    expect(existsSync(join(repo, JOURNAL))).toBe(true);
    // The user edits cdktf.json and synthesizes: the packager's write of modules-out (policies changed).
    const settings = join(repo, "cdktf.json");
    writeFileSync(settings, readFileSync(settings, "utf8").replace(/"eu-west-1"/g, '"us-east-1"'));
    const synthTree = new Map(readTree(join(repo, "modules-out")));
    for (const path of policies.keys()) synthTree.set(`policies/${path}`, "{}\n");
    const synth = writeTreeAtomically(join(repo, "modules-out"), synthTree, { lockTimeoutMs: 60000 }).then(
      () => Date.now(),
    );
    const published = await publishing;
    const publishedAt = Date.now();
    // The publish saw the edit and rolled back; no tag holds the synth's policies.
    expect(published.status).toBe(1);
    expect(published.stderr).toMatch(
      /publish failed at .*cdktf\.json changed while publishing.*the repository is exactly as before/,
    );
    expect(git(repo, "tag", "--list")).toBe("");
    expect(git(repo, "log", "--format=%s")).toBe("modules\n");
    // The synth waited for the publish's lock and wrote after it.
    expect(await synth).toBeGreaterThanOrEqual(publishedAt - 1000);
    expect(
      spawnSync("git", ["diff", "--quiet", "HEAD", "--", "modules-out/policies"], { cwd: repo }).status,
    ).toBe(1);
  }, 120000);
});
