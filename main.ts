import { join } from "node:path";
import { exitOnUserError } from "./lib/errors";
import { generateModules } from "./lib/app/generate-modules";
import { reportUserErrorToCdktf, runByCdktfCli } from "./lib/app/report-to-cdktf";

// `cdktf synth` runs this: stacks go to CDKTF_OUTDIR, modules to modules-out/. `npm run diff` uses
// the same generateModules recipe, so the drift gate can never compare two different builds.
async function main(cdktfOutdir: string): Promise<void> {
  await generateModules(join(process.cwd(), "modules-out"), process.cwd(), {
    cdktfOutdir,
    log: (line) => process.stdout.write(`${line}\n`),
    // SECURE_TF_VERBOSE=1: every acknowledgement with its reason (README "Security checks").
    verboseAcknowledgements: process.env.SECURE_TF_VERBOSE === "1",
  });
}

const cdktfOutdir = process.env.CDKTF_OUTDIR ?? join(process.cwd(), "cdktf.out");
// Exit as soon as the work is done: hcl-tools' Go WebAssembly runtime keeps a timer alive for ~1 s.
main(cdktfOutdir).then(
  () => process.exit(0),
  (error: unknown) => (runByCdktfCli() ? reportUserErrorToCdktf(error, cdktfOutdir) : exitOnUserError(error)),
);
