import { rmSync } from "node:fs";
import { join } from "node:path";
import { UserError } from "../errors";

/**
 * True when the cdktf CLI runs the app (`cdktf synth/diff/deploy`): it sets these for its app
 * command only (@cdktf/cli-core SynthStack.synth).
 */
export function runByCdktfCli(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS === "true" && env.CDKTF_OUTDIR !== undefined;
}

/**
 * Reports a user error once under the cdktf CLI. The CLI echoes an app's stdout live and, when the
 * app exits non-zero, prints its stdout and stderr a second time ("Command output on stderr"). So
 * the message goes to stdout (shown once, live), the app exits 0, and the manifest is removed: the
 * CLI then stops with status 1 ("manifest.json was not created") and can never deploy stacks of an
 * earlier synth. Anything that is not a UserError is a bug and is rethrown with its stack.
 */
export function reportUserErrorToCdktf(error: unknown, outdir: string): void {
  if (!(error instanceof UserError)) throw error;
  rmSync(join(outdir, "manifest.json"), { force: true });
  process.stdout.write(`Error: ${error.message}\n`, () => process.exit(0));
}
