/**
 * Bench rows for settings of many environments in ONE account (issue 24): the per-account scans must
 * stay linear. Validation of 50,000 environments in-process (target < 10 s), and `npm run synth` of
 * 2,000 and 32,000 environments (target: 32,000 within 20x the time of 2,000; 16x is linear).
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseSettings } from "../lib/config/load-settings";
import { measure, type Measurement } from "./measure";

const root = join(__dirname, "..");

export interface OneAccountFigures {
  readonly validate50kMs: number;
  readonly synth32k: Measurement;
  readonly synth2k: Measurement;
  /** synth 32,000 / synth 2,000. */
  readonly ratio: number;
  readonly targets: { readonly validate50kMsMax: 10000; readonly ratioMax: 20 };
}

/** e0 ... e<count-1>, all in account 123456789012, eu-west-1. */
function oneAccount(count: number): object[] {
  return Array.from({ length: count }, (_, i) => ({
    name: `e${i}`,
    accountId: "123456789012",
    region: "eu-west-1",
  }));
}

function shippedContext(): Record<string, unknown> {
  return (JSON.parse(readFileSync(join(root, "cdktf.json"), "utf8")) as { context: Record<string, unknown> })
    .context;
}

/** Milliseconds to validate 50,000 environments of one account (the settings schema, nothing else). */
export function validateOneAccount(count = 50_000): number {
  const context = { ...shippedContext(), environments: oneAccount(count) };
  const started = performance.now();
  parseSettings(context);
  return performance.now() - started;
}

/** A throwaway project (sources copied: synth.js finds the project from its own real path) whose environments.json holds `count` environments of one account. */
function projectOfOneAccount(count: number): string {
  const dir = mkdtempSync(join(tmpdir(), `bench-one-account-${count}-`));
  const config = JSON.parse(readFileSync(join(root, "cdktf.json"), "utf8"));
  delete config.context.environments;
  config.context.environmentsFile = "environments.json";
  writeFileSync(join(dir, "environments.json"), JSON.stringify(oneAccount(count)));
  writeFileSync(join(dir, "cdktf.json"), JSON.stringify(config, null, 2));
  symlinkSync(join(root, "node_modules"), join(dir, "node_modules"));
  for (const name of ["main.ts", "lib", "tsconfig.json", "package-lock.json"])
    cpSync(join(root, name), join(dir, name), { recursive: true });
  cpSync(join(root, "modules-out"), join(dir, "modules-out"), { recursive: true });
  return dir;
}

/** `npm run synth` (the app as cdktf would run it) once, in a project of `count` environments. */
async function synthOneAccount(count: number, env: NodeJS.ProcessEnv): Promise<Measurement> {
  const dir = projectOfOneAccount(count);
  try {
    const measured = await measure(process.execPath, [join(dir, "lib", "cli", "synth.js")], dir, env);
    // A run that failed early would look fast: count the bootstrap stacks it synthesized.
    const stacks = readdirSync(join(dir, "cdktf.out", "stacks")).length;
    if (stacks !== count) throw new Error(`npm run synth of ${count} environments wrote ${stacks} stacks`);
    return measured;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function oneAccountFigures(
  env: NodeJS.ProcessEnv,
  log: (line: string) => void,
): Promise<OneAccountFigures> {
  log("  settings validation, 50,000 environments of one account");
  const validate50kMs = validateOneAccount();
  log("  npm run synth, 2,000 and 32,000 environments of one account");
  const synth2k = await synthOneAccount(2_000, env);
  const synth32k = await synthOneAccount(32_000, env);
  return {
    validate50kMs,
    synth2k,
    synth32k,
    ratio: synth32k.ms / synth2k.ms,
    targets: { validate50kMsMax: 10000, ratioMax: 20 },
  };
}

/** The table lines for these figures, with a verdict per target. */
export function oneAccountLines(figures: OneAccountFigures): string[] {
  const verdict = (ok: boolean) => (ok ? "ok" : "MISSED");
  return [
    `validate 50,000 envs  ${figures.validate50kMs.toFixed(0)} ms, one account (target < 10,000) ${verdict(figures.validate50kMs < figures.targets.validate50kMsMax)}`,
    `synth 2,000 / 32,000  ${figures.synth2k.ms.toFixed(0)} / ${figures.synth32k.ms.toFixed(0)} ms, one account: ${figures.ratio.toFixed(1)}x (target <= 20x) ${verdict(figures.ratio <= figures.targets.ratioMax)}`,
  ];
}
