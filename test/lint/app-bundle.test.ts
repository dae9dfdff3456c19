import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

// The launcher is plain JavaScript (it runs before any TypeScript tooling); load it as such.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { ensureBundle } = require("../../lib/cli/app-bundle.js") as { ensureBundle: (root: string) => string };

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
