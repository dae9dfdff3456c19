import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

// The cdktf CLI at scale (split from environments-file.test.ts, whose loader tests stay in-process).
const projectRoot = join(__dirname, "../..");
const projectConfig = () => JSON.parse(readFileSync(join(projectRoot, "cdktf.json"), "utf8"));
const REGIONS = ["eu-west-1", "us-east-1", "ap-southeast-2", "eu-central-1"];
const environments = (count: number) =>
  Array.from({ length: count }, (_, i) => ({
    name: "tz",
    accountId: String(100000000000 + Math.floor(i / REGIONS.length)),
    region: REGIONS[i % REGIONS.length],
  }));

describe("cdktf synth with more environments than fit in the CLI's context variable", () => {
  const COUNT = 2400; // about 154 KB of context: over Linux's 128 KiB limit for one variable
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "stm-envscale-"));
    for (const name of ["main.ts", "tsconfig.json", "package-lock.json", "lib", "modules-out"])
      cpSync(join(projectRoot, name), join(dir, name), { recursive: true });
    symlinkSync(join(projectRoot, "node_modules"), join(dir, "node_modules"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const synth = (config: object) => {
    writeFileSync(join(dir, "cdktf.json"), JSON.stringify(config, null, 2));
    rmSync(join(dir, "cdktf.out"), { recursive: true, force: true });
    return spawnSync(join(projectRoot, "node_modules/.bin/cdktf"), ["synth"], { cwd: dir, encoding: "utf8" });
  };

  it("fails inline (the CLI's own limit) and succeeds with environmentsFile", () => {
    const inline = projectConfig();
    inline.context.environments = environments(COUNT);
    expect(JSON.stringify(inline.context).length).toBeGreaterThan(128 * 1024);
    const failed = synth(inline);
    expect(failed.status).not.toBe(0);
    expect(failed.stderr + failed.stdout).toContain("Usage Error");

    const viaFile = projectConfig();
    delete viaFile.context.environments;
    viaFile.context.environmentsFile = "environments.json";
    writeFileSync(join(dir, "environments.json"), JSON.stringify(environments(COUNT)));
    const result = synth(viaFile);
    expect(result.stderr + result.stdout).not.toContain("Usage Error");
    expect(result.status).toBe(0);
    expect(
      readdirSync(join(dir, "cdktf.out", "stacks")).filter((n) => n.startsWith("bootstrap-")),
    ).toHaveLength(COUNT);
  }, 300_000);
});
