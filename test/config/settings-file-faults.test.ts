import { spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ensureBundle } from "../../lib/cli/app-bundle";

const PROJECT_ROOT = join(__dirname, "../..");
const SETTINGS = readFileSync(join(PROJECT_ROOT, "cdktf.json"), "utf8");
/** Root reads any file whatever its mode: the unreadable case runs as nobody (uid 65534) then. */
const UNPRIVILEGED = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};

/** Runs the app `cdktf synth` runs in a temp project made by `setUp`; what it printed and left. */
function synthIn(setUp: (dir: string) => void, asUser = {}) {
  const dir = mkdtempSync(join(tmpdir(), "stm-settings-fault-"));
  chmodSync(dir, 0o777);
  setUp(dir);
  const result = spawnSync(process.execPath, [join(PROJECT_ROOT, "lib/cli/run-main.js")], {
    cwd: dir,
    encoding: "utf8",
    env: { ...process.env, CDKTF_OUTDIR: join(dir, "cdktf.out") },
    timeout: 60000,
    ...asUser,
  });
  const files = readdirSync(dir).sort();
  rmSync(dir, { recursive: true, force: true });
  return { status: result.status, stderr: result.stderr, files };
}

const nested = (depth: number) => "[".repeat(depth) + "]".repeat(depth);

describe("a cdktf.json our loader cannot use gives one line, and nothing is written", () => {
  // Built first as the owner, so that the unprivileged run only reads the cached bundle.
  beforeAll(() => ensureBundle(PROJECT_ROOT), 120000);

  it.each([
    [
      "null",
      (dir: string) => writeFileSync(join(dir, "cdktf.json"), "null"),
      /^Error: Settings file .*cdktf\.json holds null, not a JSON object: write an object with "app" and "context"/,
    ],
    [
      "nested 100,000 deep",
      (dir: string) =>
        writeFileSync(
          join(dir, "cdktf.json"),
          SETTINGS.replace('"context": {', `"context": { "deep": ${nested(100000)},`),
        ),
      /^Error: Settings file .*cdktf\.json is nested more than 32 levels deep at context\.deep\[0\]\[0\].*: no setting nests that deep; remove the extra nesting\.$/,
    ],
    [
      "a directory",
      (dir: string) => mkdirSync(join(dir, "cdktf.json")),
      /^Error: Settings file .*cdktf\.json cannot be read \(EISDIR\): it is a folder, not a file; move the folder away/,
    ],
  ])("%s", (_, setUp, line) => {
    const run = synthIn(setUp);
    expect(run.stderr.trim().split("\n")).toEqual([expect.stringMatching(line)]);
    expect(run.status).toBe(1);
    expect(run.files).toEqual(["cdktf.json"]);
  });

  it("unreadable (mode 000, read by an unprivileged user: EACCES)", () => {
    const run = synthIn((dir) => {
      writeFileSync(join(dir, "cdktf.json"), SETTINGS);
      chmodSync(join(dir, "cdktf.json"), 0o000);
    }, UNPRIVILEGED);
    expect(run.stderr.trim().split("\n")).toEqual([
      expect.stringMatching(
        /^Error: Settings file .*cdktf\.json cannot be read \(EACCES\): permission denied; make it readable for this user/,
      ),
    ]);
    expect(run.status).toBe(1);
    expect(run.files).toEqual(["cdktf.json"]);
  });

  it("an environmentsFile that is a folder or nested too deep is refused the same way", () => {
    const config = JSON.parse(SETTINGS);
    delete config.context.environments;
    config.context.environmentsFile = "environments.json";
    const folder = synthIn((dir) => {
      writeFileSync(join(dir, "cdktf.json"), JSON.stringify(config));
      mkdirSync(join(dir, "environments.json"));
    });
    expect(folder.stderr.trim().split("\n")).toEqual([
      expect.stringMatching(/^Error: Settings file .*environments\.json cannot be read \(EISDIR\)/),
    ]);
    const deep = synthIn((dir) => {
      writeFileSync(join(dir, "cdktf.json"), JSON.stringify(config));
      writeFileSync(join(dir, "environments.json"), nested(100000));
    });
    expect(deep.stderr.trim().split("\n")).toEqual([
      expect.stringMatching(
        /^Error: Settings file .*environments\.json is nested more than 32 levels deep at \[0\]\[0\]/,
      ),
    ]);
    expect([folder.status, deep.status]).toEqual([1, 1]);
  });
});
