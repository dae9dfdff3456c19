import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readTree } from "../../lib/diff/read-tree";

const projectRoot = join(__dirname, "../..");

/** `npm run synth` (the app in-process) and `cdktf synth` (through the CLI) write the same bytes. */
describe("npm run synth is cdktf synth without the CLI", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "stm-synth-direct-"));
    for (const name of ["cdktf.json", "main.ts", "tsconfig.json", "package-lock.json", "lib"])
      cpSync(join(projectRoot, name), join(dir, name), { recursive: true });
    symlinkSync(join(projectRoot, "node_modules"), join(dir, "node_modules"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** Runs one way from a clean slate (plus a stack folder the app no longer makes) and reads the output. */
  function run(command: string, args: string[]) {
    for (const out of ["modules-out", "cdktf.out"]) rmSync(join(dir, out), { recursive: true, force: true });
    mkdirSync(join(dir, "cdktf.out", "stacks", "removed-stack"), { recursive: true });
    const result = spawnSync(command, args, { cwd: dir, encoding: "utf8" });
    return {
      status: result.status,
      output: result.stdout + result.stderr,
      modulesOut: readTree(join(dir, "modules-out")),
      cdktfOut: readTree(join(dir, "cdktf.out")),
    };
  }
  const viaCli = () => run(join(projectRoot, "node_modules/.bin/cdktf"), ["synth"]);
  const direct = () => run(process.execPath, [join(dir, "lib/cli/synth.js")]);

  it("gives byte-identical modules-out/ and cdktf.out/", () => {
    const cli = viaCli();
    const fast = direct();
    expect(cli.status).toBe(0);
    expect(fast.status).toBe(0);
    expect(fast.modulesOut.size).toBeGreaterThan(30);
    expect([...fast.modulesOut.keys()]).toEqual([...cli.modulesOut.keys()]);
    expect(fast.modulesOut).toEqual(cli.modulesOut);
    expect([...fast.cdktfOut.keys()].some((path) => path.includes("removed-stack"))).toBe(false);
    expect(fast.cdktfOut).toEqual(cli.cdktfOut);
  }, 120_000);

  it("exits 1 with the same one-line problem when the settings are wrong", () => {
    const config = JSON.parse(readFileSync(join(projectRoot, "cdktf.json"), "utf8"));
    config.context.repositoryUrl = 'https://x.example/r.git"#';
    writeFileSync(join(dir, "cdktf.json"), JSON.stringify(config));
    try {
      const cli = viaCli();
      const fast = direct();
      expect(cli.status).toBe(1);
      expect(fast.status).toBe(1);
      expect(fast.output).toContain("context.repositoryUrl");
      expect(fast.output).not.toMatch(/^\s+at /m);
      expect(cli.output).toContain("context.repositoryUrl");
    } finally {
      cpSync(join(projectRoot, "cdktf.json"), join(dir, "cdktf.json"));
    }
  }, 120_000);
});
