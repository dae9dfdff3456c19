import { join } from "node:path";
import { exitOnUserError } from "./lib/errors";
import { generateModules } from "./lib/app/generate-modules";

// `cdktf synth` runs this: stacks go to CDKTF_OUTDIR, modules to modules-out/. `npm run diff` uses
// the same generateModules recipe, so the drift gate can never compare two different builds.
async function main(): Promise<void> {
  const projectRoot = process.cwd();
  await generateModules(join(projectRoot, "modules-out"), projectRoot, {
    cdktfOutdir: process.env.CDKTF_OUTDIR ?? join(projectRoot, "cdktf.out"),
    log: (line) => process.stdout.write(`${line}\n`),
  });
}

// Exit as soon as the work is done: hcl-tools' Go WebAssembly runtime keeps a timer alive for ~1 s.
main().then(() => process.exit(0), exitOnUserError);
