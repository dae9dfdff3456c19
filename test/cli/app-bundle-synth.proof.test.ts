import { spawnSync } from "node:child_process";
import {
  appendFileSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const projectRoot = join(__dirname, "../..");
const cacheOf = (dir: string) => join(dir, "node_modules", ".cache", "secure-tf-modules");

/**
 * `npm run synth` in a copy of the project with its own bundle cache (node_modules linked entry by
 * entry, .cache excepted), so damaging a cached bundle here never touches the checkout's.
 */
function projectCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), "stm-bundle-synth-"));
  for (const name of ["cdktf.json", "main.ts", "tsconfig.json", "package-lock.json", "lib"])
    cpSync(join(projectRoot, name), join(dir, name), { recursive: true });
  mkdirSync(join(dir, "node_modules"));
  for (const entry of readdirSync(join(projectRoot, "node_modules")))
    if (entry !== ".cache")
      symlinkSync(join(projectRoot, "node_modules", entry), join(dir, "node_modules", entry));
  return dir;
}

/** `npm run synth` in `dir`, its output read by a slow reader (a pipe that fills, as `| less` does). */
function synth(dir: string) {
  const script = `"${process.execPath}" lib/cli/synth.js 2>&1 | (sleep 1; cat)`;
  const result = spawnSync("bash", ["-o", "pipefail", "-c", script], {
    cwd: dir,
    encoding: "utf8",
    timeout: 300_000,
    maxBuffer: 256 * 1024 * 1024, // 3,000 environments print a line each
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

const appBundle = (dir: string) => {
  const name = readdirSync(cacheOf(dir)).find((file) => /^app-[0-9a-f]+\.js$/.test(file));
  if (!name) throw new Error("no app bundle was written");
  return join(cacheOf(dir), name);
};

describe("npm run synth never trusts a damaged app bundle", () => {
  let dir: string;
  beforeAll(() => {
    dir = projectCopy();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each([
    ["0-byte", () => ""],
    ["truncated", (text: string) => text.slice(0, Math.floor(text.length / 2))],
    ["garbage", () => "}}} not javascript"],
  ])("a %s bundle is rebuilt and modules-out is written again", (_name, damage) => {
    expect(synth(dir).status).toBe(0);
    const bundle = appBundle(dir);
    writeFileSync(bundle, damage(readFileSync(bundle, "utf8")));
    rmSync(join(dir, "modules-out"), { recursive: true, force: true });
    const result = synth(dir);
    expect(result.output).not.toMatch(/SyntaxError|^\s+at /m);
    expect(result.status).toBe(0);
    expect(result.output).toContain("Generated Terraform code for the stacks");
    expect(readdirSync(join(dir, "modules-out", "hcl")).sort()).toEqual([
      "deploy-policies",
      "min-provisioner",
      "state-access-policy",
      "state-backend",
    ]);
  });
});

describe("inline settings of any size never reach a command line", () => {
  it("synthesizes 3,000 inline environments (over 128 KiB) right after an edit, and a slow reader gets every line", () => {
    const dir = projectCopy();
    try {
      const config = JSON.parse(readFileSync(join(dir, "cdktf.json"), "utf8"));
      const regions = ["eu-west-1", "us-east-1", "ap-southeast-2", "eu-central-1"];
      config.context.environments = Array.from({ length: 3000 }, (_, i) => ({
        name: "tz",
        accountId: String(100000000000 + Math.floor(i / regions.length)),
        region: regions[i % regions.length],
      }));
      writeFileSync(join(dir, "cdktf.json"), JSON.stringify(config));
      expect(JSON.stringify(config.context).length).toBeGreaterThan(128 * 1024);
      // An edit: the bundle is rebuilt, so esbuild runs with the settings in this process's environment.
      appendFileSync(join(dir, "lib", "app", "module-input.ts"), "// an edit\n");
      const result = synth(dir);
      expect(result.output).not.toContain("E2BIG");
      expect(result.status).toBe(0);
      expect(result.output).toContain("Generated Terraform code for the stacks");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
