import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

// The launcher is plain JavaScript (it runs before any TypeScript tooling); load it as such.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { ensureBundle } = require("../../lib/cli/app-bundle.js") as { ensureBundle: (root: string) => string };
const APP_BUNDLE = join(__dirname, "../../lib/cli/app-bundle.js");

describe("the synth app launcher never runs stale code", () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), "stm-bundle-"));
    mkdirSync(join(root, "lib"));
    writeFileSync(join(root, "main.ts"), 'import { value } from "./lib/value";\nconsole.log(value);\n');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const run = (bundle: string) => execFileSync(process.execPath, [bundle], { encoding: "utf8" }).trim();

  it("reuses the bundle while the sources are unchanged and rebuilds after any change", () => {
    writeFileSync(join(root, "lib", "value.ts"), "export const value: number = 1;\n");
    const first = ensureBundle(root);
    expect(run(first)).toBe("1");
    expect(ensureBundle(root)).toBe(first);

    writeFileSync(join(root, "lib", "value.ts"), "export const value: number = 2;\n");
    const second = ensureBundle(root);
    expect(second).not.toBe(first);
    expect(run(second)).toBe("2");
  });

  it("rebuilds when package-lock.json changes (a changed dependency is used at once)", () => {
    writeFileSync(join(root, "lib", "value.ts"), "export const value: number = 1;\n");
    writeFileSync(join(root, "package-lock.json"), '{ "lockfileVersion": 3, "packages": {} }\n');
    const first = ensureBundle(root);
    writeFileSync(join(root, "package-lock.json"), '{ "lockfileVersion": 3, "packages": { "x": {} } }\n');
    expect(ensureBundle(root)).not.toBe(first);
  });
});

describe("a crash in the bundled app", () => {
  it("names the TypeScript source and line, not the cached bundle", () => {
    const root = mkdtempSync(join(tmpdir(), "stm-crash-"));
    mkdirSync(join(root, "lib"));
    writeFileSync(
      join(root, "main.ts"),
      'import { boom } from "./lib/boom";\nvoid Promise.resolve().then(boom);\n',
    );
    writeFileSync(
      join(root, "lib", "boom.ts"),
      'export function boom(): void {\n  const reason: string = "a bug";\n  throw new Error(`crash: ${reason}`);\n}\n',
    );
    // As run-main.js runs the project's app.
    const run = spawnSync(
      process.execPath,
      ["-e", `require(${JSON.stringify(APP_BUNDLE)}).runBundled(${JSON.stringify(root)})`],
      {
        encoding: "utf8",
      },
    );
    rmSync(root, { recursive: true, force: true });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("Error: crash: a bug");
    expect(run.stderr).toContain(`at boom (${join(root, "lib", "boom.ts")}:3:9)`);
    expect(run.stderr).not.toContain("node_modules/.cache");
  });
});
