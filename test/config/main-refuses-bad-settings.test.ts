import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const PROJECT_ROOT = join(__dirname, "../..");
/** The app command cdktf.json gives `cdktf synth` (`node lib/cli/run-main.js`), run in a temp project. */
const APP: string[] = JSON.parse(readFileSync(join(PROJECT_ROOT, "cdktf.json"), "utf8")).app.split(" ");
function synthIn(context: unknown): { status: number | null; stderr: string; dir: string; files: string[] } {
  const dir = mkdtempSync(join(tmpdir(), "bad-settings-"));
  const cdktf = JSON.parse(readFileSync(join(PROJECT_ROOT, "cdktf.json"), "utf8"));
  writeFileSync(join(dir, "cdktf.json"), JSON.stringify({ ...cdktf, context }, null, 2));
  expect(APP.slice(0, 1)).toEqual(["node"]);
  const result = spawnSync(process.execPath, [join(PROJECT_ROOT, APP[1])], {
    cwd: dir,
    encoding: "utf8",
    env: { ...process.env, CDKTF_OUTDIR: join(dir, "cdktf.out") },
    timeout: 60000,
  });
  return { status: result.status, stderr: result.stderr, dir, files: readdirSync(dir) };
}

describe("main.ts with a bad cdktf.json", () => {
  const context = JSON.parse(readFileSync(join(PROJECT_ROOT, "cdktf.json"), "utf8")).context;
  let run: ReturnType<typeof synthIn>;
  beforeAll(() => {
    const examples = { ...context.examples, acountId: "123456789012" };
    const environments = [{ ...context.environments[0], stateKeyPrefix: "/abs/" }];
    run = synthIn({ ...context, examples, environments });
  });
  afterAll(() => rmSync(run.dir, { recursive: true, force: true }));

  it("exits with status 1", () => {
    expect(run.status).toBe(1);
  });

  it("names each bad key, its value and the fix, without a stack trace", () => {
    expect(run.stderr).toContain('context.examples.acountId = "123456789012": unknown key');
    expect(run.stderr).toContain('did you mean "accountId"?');
    expect(run.stderr).toContain('context.environments.0.stateKeyPrefix = "/abs/": must be a key prefix');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it("writes nothing: no modules-out/, no cdktf.out/", () => {
    expect(run.files).toEqual(["cdktf.json"]);
    expect(existsSync(join(run.dir, "modules-out"))).toBe(false);
  });
});
