"use strict";
// `npm run synth`: the app exactly as `cdktf synth` runs it (same settings, outdir, environment and
// exit codes), in this process instead of behind the CLI, whose own start-up costs ~1.6 s.
const {
  closeSync,
  constants,
  existsSync,
  fstatSync,
  openSync,
  readFileSync,
  readdirSync,
  rmSync,
} = require("node:fs");
const { join, resolve } = require("node:path");
const { runBundled } = require("./app-bundle");

const root = resolve(__dirname, "..", "..");

/** The largest cdktf.json read (as lib/config/read-json-file.ts): a link to /dev/zero never ends. */
const MAX_BYTES = 64 * 1024 * 1024;

/** A regular file's text; a FIFO would block a plain read forever, so open without blocking and check. */
function readRegular(path) {
  const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) throw new Error("not a regular file: only a regular file is read");
    if (stats.size > MAX_BYTES) throw new Error(`larger than ${MAX_BYTES} bytes`);
    return readFileSync(fd, "utf8");
  } finally {
    closeSync(fd);
  }
}

/** cdktf.json as the CLI reads it; a file that cannot be read is one line and exit 1. */
function readConfig() {
  const path = join(root, "cdktf.json");
  try {
    const config = JSON.parse(readRegular(path));
    if (config === null || typeof config !== "object" || Array.isArray(config))
      throw new Error("not an object");
    return config;
  } catch (error) {
    process.stderr.write(`Error: ${path} could not be read (${error.message}); fix it and run again.\n`);
    process.exit(1);
  }
}

/** After the app: like the CLI, drop stack folders the app no longer synthesizes and name the others. */
function reportStacks(outdir) {
  const manifestPath = join(outdir, "manifest.json");
  // The app reports a user error as it does under the CLI (stdout, manifest removed); the CLI then
  // exits 1, and so do we.
  if (!existsSync(manifestPath)) {
    process.exitCode = 1;
    return;
  }
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8"));
  const names = Object.keys(manifest.stacks);
  const stacksDir = join(outdir, "stacks");
  for (const entry of existsSync(stacksDir) ? readdirSync(stacksDir) : [])
    if (!names.includes(entry)) rmSync(join(stacksDir, entry), { recursive: true, force: true });
  process.stdout.write(`Generated Terraform code for the stacks: ${names.join(", ")}\n`);
}

const config = readConfig();
const outdir = resolve(root, config.output || "cdktf.out");
// The variables the cdktf CLI sets for the app (cdktf-cli 0.21 synth-stack): same values, same output.
Object.assign(process.env, {
  CDKTF_OUTDIR: outdir,
  CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS: "true",
  CDKTF_CONTEXT_JSON: JSON.stringify({ ...(config.context || {}), cdktfRelativeModules: [] }),
  SYNTH_HCL_OUTPUT: "false",
});
process.on("exit", (code) => {
  if (code === 0) reportStacks(outdir);
});
process.chdir(root);
runBundled(root);
