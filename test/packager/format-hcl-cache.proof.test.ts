import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { readTree } from "../../lib/diff/read-tree";
import { findTerraform } from "../support/find-terraform";

const PROJECT = join(__dirname, "..", "..");
const CACHE = join(
  dirname(require.resolve("@cdktf/hcl-tools/package.json")),
  "..",
  "..",
  ".cache",
  "secure-tf-modules",
  "hcl-format",
);

/** Every cache entry whose text matches, rewritten by `edit`; returns their paths. */
function poison(matches: (text: string) => boolean, edit: (text: string) => string): string[] {
  const poisoned: string[] = [];
  for (const name of readdirSync(CACHE).filter((n) => n.endsWith(".tf"))) {
    const path = join(CACHE, name);
    const text = readFileSync(path, "utf8");
    if (!matches(text)) continue;
    writeFileSync(path, edit(text));
    poisoned.push(path);
  }
  return poisoned;
}

// Issue 24 item 1: an edited entry put s3:* and iam:* into modules-out with exit 0, and a truncated
// one shipped HCL that fails terraform fmt.
describe("no hcl-format cache entry changes what npm run synth ships", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "stm-format-cache-"));
    for (const name of ["lib", "main.ts", "cdktf.json", "tsconfig.json", "package-lock.json", "modules-out"])
      cpSync(join(PROJECT, name), join(dir, name), { recursive: true });
    symlinkSync(join(PROJECT, "node_modules"), join(dir, "node_modules"));
    // Fill the cache with this tree's entries first.
    expect(spawnSync(process.execPath, [join(dir, "lib/cli/synth.js")], { cwd: dir }).status).toBe(0);
  }, 180000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("edited actions and truncated entries are rebuilt: modules-out is what hcl-tools formats, fmt-clean", () => {
    const shipped = readTree(join(dir, "modules-out"));
    const widened = poison(
      (text) => text.includes('"s3:GetObject"'),
      (text) => text.replace('"s3:GetObject"', '"s3:*", "iam:*"'),
    );
    const truncated = poison(
      (text) => text.startsWith("variable "),
      (text) => text.slice(0, Math.floor(text.length / 2)),
    );
    expect(widened.length).toBeGreaterThan(0);
    expect(truncated.length).toBeGreaterThan(0);
    const synth = spawnSync(process.execPath, [join(dir, "lib/cli/synth.js")], {
      cwd: dir,
      encoding: "utf8",
    });
    expect(synth.status).toBe(0);
    expect(readTree(join(dir, "modules-out"))).toEqual(shipped);
    const terraform = findTerraform();
    if (terraform === undefined) throw new Error("terraform is needed on PATH for this proof");
    const fmt = spawnSync(terraform, ["fmt", "-check", "-recursive", join(dir, "modules-out", "hcl")], {
      encoding: "utf8",
      env: { ...process.env, CHECKPOINT_DISABLE: "1" },
    });
    expect(fmt.stdout).toBe("");
    expect(fmt.status).toBe(0);
    // The bad entries this synth met were replaced (entries of texts it no longer renders stay unread).
    const replaced = widened.filter((path) => !readFileSync(path, "utf8").includes('"s3:*", "iam:*"'));
    expect(replaced.length).toBeGreaterThan(0);
  }, 180000);
});
