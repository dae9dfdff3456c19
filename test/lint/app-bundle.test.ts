import { execFileSync, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
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

describe("a damaged cached bundle is rebuilt, never run", () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), "stm-damaged-"));
    mkdirSync(join(root, "lib"));
    writeFileSync(join(root, "main.ts"), 'import { value } from "./lib/value";\nconsole.log(value);\n');
    writeFileSync(join(root, "lib", "value.ts"), "export const value: string = `ran ${1 + 1}`;\n");
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const run = (bundle: string) => spawnSync(process.execPath, [bundle], { encoding: "utf8" });
  const cacheFiles = () => readdirSync(join(root, "node_modules", ".cache", "secure-tf-modules"));
  const depsBundle = () => {
    const name = cacheFiles().find((file) => /^deps-[0-9a-f]+\.js$/.test(file));
    if (!name) throw new Error("no dependency bundle was written");
    return join(root, "node_modules", ".cache", "secure-tf-modules", name);
  };

  // Each damage as a user or a crash leaves it: an empty file (disk full, killed writer), the first
  // half of the file, text that is not JavaScript, and valid JavaScript that exits 0 doing nothing.
  const damages: ReadonlyArray<[string, (text: string) => string]> = [
    ["0-byte", () => ""],
    ["truncated", (text) => text.slice(0, Math.floor(text.length / 2))],
    ["garbage", () => "\u0000\u0001 not javascript {{{"],
    ["edited to exit first", (text) => `process.exit(0);\n${text}`],
  ];

  it.each(damages)("an app bundle left %s is rebuilt and the app runs", (_name, damage) => {
    const bundle = ensureBundle(root);
    writeFileSync(bundle, damage(readFileSync(bundle, "utf8")));
    expect(ensureBundle(root)).toBe(bundle);
    const result = run(bundle);
    expect(result.stderr).toBe("");
    expect(result.stdout.trim()).toBe("ran 2");
  });

  it.each(damages)("a dependency bundle left %s is rebuilt", (_name, damage) => {
    writeFileSync(
      join(root, "main.ts"),
      'import { satisfies } from "semver";\nconsole.log(satisfies("1.2.3", "^1"));\n',
    );
    mkdirSync(join(root, "node_modules"));
    symlinkSync(join(__dirname, "../../node_modules/semver"), join(root, "node_modules", "semver"));
    const bundle = ensureBundle(root);
    writeFileSync(depsBundle(), damage(readFileSync(depsBundle(), "utf8")));
    expect(ensureBundle(root)).toBe(bundle);
    // From now on only the dependency bundle can supply semver.
    rmSync(join(root, "node_modules", "semver"));
    const result = run(bundle);
    expect(result.stderr).toBe("");
    expect(result.stdout.trim()).toBe("true");
  });

  it("a garbled list of the dependency bundle's packages is not trusted and the app still builds", () => {
    ensureBundle(root);
    writeFileSync(`${depsBundle()}.json`, "[not json");
    writeFileSync(join(root, "lib", "value.ts"), "export const value: string = `ran ${2 + 1}`;\n");
    const bundle = ensureBundle(root);
    expect(run(bundle).stdout.trim()).toBe("ran 3");
  });
});

describe("inline settings never reach a command line", () => {
  it("builds the bundle while CDKTF_CONTEXT_JSON holds 200 KiB of settings (was esbuild's spawn E2BIG)", () => {
    const root = mkdtempSync(join(tmpdir(), "stm-e2big-"));
    mkdirSync(join(root, "lib"));
    writeFileSync(join(root, "main.ts"), "console.log(process.env.CDKTF_CONTEXT_JSON?.length);\n");
    // The variable is set inside the child: no process can be started with it (that is the defect).
    const script =
      `process.env.CDKTF_CONTEXT_JSON = JSON.stringify({ environments: "x".repeat(200 * 1024) });` +
      `require(${JSON.stringify(APP_BUNDLE)}).runBundled(${JSON.stringify(root)});`;
    const result = spawnSync(process.execPath, ["-e", script], { encoding: "utf8" });
    rmSync(root, { recursive: true, force: true });
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(Number(result.stdout.trim())).toBe(200 * 1024 + '{"environments":""}'.length);
  });
});

describe("the dependency bundle's V8 code cache", () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), "stm-code-cache-"));
    mkdirSync(join(root, "lib"));
    writeFileSync(join(root, "main.ts"), 'import { value } from "./lib/value";\nconsole.log(value);\n');
    writeFileSync(join(root, "lib", "value.ts"), "export const value: string = `ran ${1 + 1}`;\n");
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  // As run-main.js runs the project's app.
  const runBundled = () =>
    spawnSync(
      process.execPath,
      ["-e", `require(${JSON.stringify(APP_BUNDLE)}).runBundled(${JSON.stringify(root)})`],
      {
        encoding: "utf8",
      },
    );
  const cacheDir = () => join(root, "node_modules", ".cache", "secure-tf-modules");
  const depsBundle = () => {
    const name = readdirSync(cacheDir()).find((file) => /^deps-[0-9a-f]+\.js$/.test(file));
    if (!name) throw new Error("no dependency bundle was written");
    return join(cacheDir(), name);
  };
  /** The SHA-256 of the bundle's text before its seal line, computed here. */
  const digestOf = (bundle: string) => {
    const text = readFileSync(bundle);
    const seal = text.lastIndexOf("//# secure-tf-modules-sha256=");
    return createHash("sha256").update(text.subarray(0, seal)).digest("hex");
  };

  it("is written after the first run, headed by the digest of the bundle it was made from", () => {
    expect(runBundled().stdout).toBe("ran 2\n");
    const cache = readFileSync(`${depsBundle()}.v8-cache`);
    expect(cache.subarray(0, 65).toString("latin1")).toBe(`${digestOf(depsBundle())}\n`);
    expect(cache.length).toBeGreaterThan(65);
    expect(runBundled().stdout).toBe("ran 2\n");
  });

  it("a cache made for other text is never given to V8 and is made again", () => {
    expect(runBundled().status).toBe(0);
    const cachePath = `${depsBundle()}.v8-cache`;
    const foreign = Buffer.concat([
      Buffer.from(`${createHash("sha256").update("other text").digest("hex")}\n`),
      readFileSync(cachePath).subarray(65),
    ]);
    writeFileSync(cachePath, foreign);
    expect(runBundled()).toMatchObject({ status: 0, stdout: "ran 2\n", stderr: "" });
    expect(readFileSync(cachePath).subarray(0, 65).toString("latin1")).toBe(`${digestOf(depsBundle())}\n`);
  });
});

describe("after an edit, the app is built while the packages load", () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), "stm-overlap-"));
    // node_modules linked into the project, as the bench's copies do: the app bundle then names the
    // dependency bundle by its real path, the launcher by the linked one.
    mkdirSync(join(root, "linked", "node_modules"), { recursive: true });
    mkdirSync(join(root, "project"));
    symlinkSync(join(root, "linked", "node_modules"), join(root, "project", "node_modules"));
    root = join(root, "project");
    // Two local packages; `counter` counts how often its code ran in the process.
    for (const [name, code] of [
      [
        "counter",
        "globalThis.__counterLoads = (globalThis.__counterLoads || 0) + 1;\nexports.loads = () => globalThis.__counterLoads;\n",
      ],
      ["greeter", 'exports.greet = (name) => "hello " + name;\n'],
    ]) {
      mkdirSync(join(root, "node_modules", name), { recursive: true });
      writeFileSync(join(root, "node_modules", name, "index.js"), code);
    }
    writeFileSync(
      join(root, "main.ts"),
      'import { loads } from "counter";\nconst edit: number = 0;\nconsole.log(`loads ${loads()} edit ${edit}`);\n',
    );
  });
  afterEach(() => rmSync(join(root, ".."), { recursive: true, force: true }));

  // As synth.js runs the app: its own exit listener reports once the app is done.
  const synth = () =>
    spawnSync(
      process.execPath,
      [
        "-e",
        `process.on("exit", (code) => console.log("reported " + code));` +
          `require(${JSON.stringify(APP_BUNDLE)}).runBundled(${JSON.stringify(root)})`,
      ],
      { encoding: "utf8" },
    );
  const edit = (text: string) => writeFileSync(join(root, "main.ts"), text);

  it("runs every package once and the edited code", () => {
    expect(synth()).toMatchObject({ status: 0, stdout: "loads 1 edit 0\nreported 0\n", stderr: "" });
    edit(
      'import { loads } from "counter";\nconst edit: number = 1;\nconsole.log(`loads ${loads()} edit ${edit}`);\n',
    );
    expect(synth()).toMatchObject({ status: 0, stdout: "loads 1 edit 1\nreported 0\n", stderr: "" });
  });

  it("an edit that imports a new package runs in a new process, reported once", () => {
    expect(synth().status).toBe(0);
    edit(
      'import { loads } from "counter";\nimport { greet } from "greeter";\n' +
        'console.log(`${greet("edit")} loads ${loads()}`);\n',
    );
    expect(synth()).toMatchObject({ status: 0, stdout: "hello edit loads 1\nreported 0\n", stderr: "" });
    expect(synth()).toMatchObject({ status: 0, stdout: "hello edit loads 1\nreported 0\n", stderr: "" });
  });

  it("a first build that does not compile stops with esbuild's message and no stack trace", () => {
    edit('import { loads } from "counter";\nconst edit: number = ;\nconsole.log(loads(), edit);\n');
    const result = synth();
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('main.ts:2:21: ERROR: Unexpected ";"');
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });

  it("an edit that does not compile stops with esbuild's message and no stack trace", () => {
    expect(synth().status).toBe(0);
    edit('import { loads } from "counter";\nconst edit: number = ;\nconsole.log(loads(), edit);\n');
    const result = synth();
    expect(result.status).toBe(1);
    expect(result.stdout).toBe("reported 1\n");
    expect(result.stderr).toContain('main.ts:2:21: ERROR: Unexpected ";"');
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });
});
