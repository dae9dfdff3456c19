import { execFileSync } from "node:child_process";
import { chmodSync, cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { moduleExamples } from "../../lib/app/module-examples";
import { loadSettings } from "../../lib/config/load-settings";
import { UserError } from "../../lib/errors";
import { parsePublishArgs } from "../../lib/publish/publish-args";
import { publishModule, type PublishOptions } from "../../lib/publish/publish-module";
import { generatedModulesOut } from "../support/generated-modules-out";

const FIXTURE_MODULE = "state-access-policy";
const PROJECT = join(__dirname, "..", "..");

const git = (cwd: string, ...args: string[]) =>
  execFileSync("git", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });

/** Everything a publish could change: HEAD, tags, index and working tree (status), every tracked file. */
const snapshot = (repo: string) => ({
  head: git(repo, "rev-parse", "HEAD").trim(),
  tags: git(repo, "tag", "--list"),
  status: git(repo, "status", "--porcelain", "--untracked-files=all", "--ignored"),
  log: git(repo, "log", "--format=%H %s"),
});

describe("publish is all or nothing", () => {
  let work: string;
  let pristine: string;
  let generated: string;
  let base: string;
  let repo: string;
  const realPath = process.env.PATH;
  const examples = moduleExamples(loadSettings(PROJECT));
  const options = (extra: Partial<PublishOptions> = {}): PublishOptions => ({
    projectRoot: repo,
    moduleName: FIXTURE_MODULE,
    dryRun: false,
    repositoryUrl: `file://${repo}`,
    // What generateModules wrote for this cdktf.json once: the faults here are git's, not synth's.
    regenerate: async (outDir) => cpSync(generated, outDir, { recursive: true }),
    examples,
    date: "2025-01-02",
    log: () => undefined,
    ...extra,
  });

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), "stm-publish-faults-"));
    pristine = join(work, "pristine");
    generated = await generatedModulesOut();
    mkdirSync(pristine);
    cpSync(join(PROJECT, "cdktf.json"), join(pristine, "cdktf.json"));
    cpSync(generated, join(pristine, "modules-out"), { recursive: true });
    git(pristine, "init", "--quiet", "-b", "main");
    git(pristine, "config", "user.email", "test@example.com");
    git(pristine, "config", "user.name", "Test");
    git(pristine, "config", "commit.gpgsign", "false");
    git(pristine, "config", "tag.gpgsign", "false");
    git(pristine, "add", "-A");
    git(pristine, "commit", "--quiet", "-m", "modules");
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  beforeEach(() => {
    base = mkdtempSync(join(work, "case-"));
    repo = join(base, "repo");
    cpSync(pristine, repo, { recursive: true });
    // A git that SIGKILLs itself at one command line, as `kill -9` at that step would.
    const fakeBin = join(base, "bin");
    const realGit = execFileSync("sh", ["-c", "command -v git"], { encoding: "utf8" }).trim();
    mkdirSync(fakeBin);
    writeFileSync(
      join(fakeBin, "git"),
      `#!/bin/sh\ncase "$*" in "\${STM_KILL_GIT_AT:-none}"*) kill -9 $$;; esac\nexec ${realGit} "$@"\n`,
    );
    chmodSync(join(fakeBin, "git"), 0o755);
    process.env.PATH = `${fakeBin}${delimiter}${realPath}`;
  });
  afterEach(() => {
    process.env.PATH = realPath;
    delete process.env.STM_KILL_GIT_AT;
    rmSync(base, { recursive: true, force: true });
  });

  it.each([
    ["add", "add --"],
    ["commit", "commit --quiet"],
    ["tag", "tag -a"],
  ])("git killed at `git %s`: one line, and the repository exactly as before", async (step, commandLine) => {
    const before = snapshot(repo);
    process.env.STM_KILL_GIT_AT = commandLine;
    const error = await publishModule(options()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as Error).message).toBe(
      `publish failed at git ${step} (killed by SIGKILL); the repository is exactly as before.`,
    );
    delete process.env.STM_KILL_GIT_AT;
    expect(snapshot(repo)).toEqual(before);
    // And the next publish works normally.
    expect((await publishModule(options())).status).toBe("published");
  });

  it("a stale .git/index.lock is refused before anything is written", async () => {
    writeFileSync(join(repo, ".git", "index.lock"), "");
    const before = snapshot(repo);
    await expect(publishModule(options())).rejects.toThrow(
      /^publish refused, nothing was changed: .*index\.lock exists: another git command is running, or one crashed; remove the file/,
    );
    expect(snapshot(repo)).toEqual(before);
  });

  // Issue 24: --finish/--undo acted on whatever HEAD's subject said. Only a publish's own record counts
  // (the kills themselves are in publish-interrupted.proof.test.ts).
  it("a release commit whose tag was deleted by hand is no interrupted publish: --finish and --undo change nothing", async () => {
    await publishModule(options());
    git(repo, "tag", "-d", `${FIXTURE_MODULE}-v1.0.0`);
    const before = snapshot(repo);
    for (const resume of ["finish", "undo"] as const)
      await expect(publishModule(options({ resume }))).rejects.toThrow(
        new RegExp(
          `^publish ${FIXTURE_MODULE} --${resume}: no interrupted publish is recorded .*; nothing to ${resume}\\.$`,
        ),
      );
    expect(snapshot(repo)).toEqual(before);
  });

  it("--finish and --undo are flags (CI has no stdin) and exclude each other and --bump", () => {
    expect(parsePublishArgs([FIXTURE_MODULE, "--finish"]).resume).toBe("finish");
    expect(parsePublishArgs([FIXTURE_MODULE, "--undo"]).resume).toBe("undo");
    expect(() => parsePublishArgs([FIXTURE_MODULE, "--finish", "--undo"])).toThrow(/conflicting flags/);
    expect(() => parsePublishArgs([FIXTURE_MODULE, "--undo", "--bump", "major"])).toThrow(/takes no --bump/);
  });
});
