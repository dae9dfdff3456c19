import { spawn } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseProviderLog, type LoggedCall } from "./provider-log";

/**
 * The life cycle of one root module against the local AWS, with the real provider: apply; plan =
 * no changes; an update applies; plan = no changes again; the protections are lifted in the test
 * copy only (and applied); destroy. Every terraform command runs with `TF_LOG_PROVIDER=debug` (the
 * provider half of `TF_LOG=debug`) into its own
 * log file, parsed into the calls the provider made. A step that fails stops the life cycle.
 */

export interface RootModule {
  /** Folder holding main.tf (which calls ./module) and a copy of the module in ./module. */
  readonly dir: string;
  /** terraform.tfvars.json for the first apply and for the update. */
  readonly vars: Readonly<Record<string, unknown>>;
  readonly updateVars: Readonly<Record<string, unknown>>;
  /**
   * Differences moto causes that a plan after apply may show (`<address> <attribute>`), each an
   * emulator quirk with its evidence in README; any other difference fails the step.
   */
  readonly allowedDrift?: readonly string[];
  /** Rewrites the test copy (given the root folder) so it can be destroyed (prevent_destroy, deletion protection). */
  readonly liftProtection?: (rootDir: string) => void;
}

export interface StepResult {
  readonly step: string;
  readonly ok: boolean;
  readonly output: string;
  readonly calls: readonly LoggedCall[];
  /** For plan steps: the resource changes found (address and attribute), allowed or not. */
  readonly drift?: readonly string[];
}

export interface LifecycleResult {
  readonly steps: readonly StepResult[];
  readonly ok: boolean;
  /** Every call of every step. */
  readonly calls: readonly LoggedCall[];
}

export interface LifecycleOptions {
  readonly terraform: string;
  readonly env: NodeJS.ProcessEnv;
  /** Called before each step (the proxy tags calls with it; progress lines). */
  readonly onStep?: (step: string) => void;
  /** Stop after the first apply fails (enforce phase with a narrowed policy). */
  readonly steps?: readonly StepName[];
}

export type StepName = "apply" | "plan" | "update" | "replan" | "lift" | "destroy";
export const ALL_STEPS: readonly StepName[] = ["apply", "plan", "update", "replan", "lift", "destroy"];

function run(
  terraform: string,
  dir: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ status: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(terraform, [`-chdir=${dir}`, ...args], { env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("close", (code) => resolve({ status: code ?? -1, output }));
  });
}

/** Changed attributes of a saved plan (`terraform show -json`): `<address> <attribute>` per change. */
function planChanges(json: string): string[] {
  const plan = JSON.parse(json) as {
    resource_changes?: Array<{
      address: string;
      change: { actions: string[]; before: unknown; after: unknown };
    }>;
  };
  const out: string[] = [];
  for (const change of plan.resource_changes ?? []) {
    if (change.change.actions.every((action) => action === "no-op" || action === "read")) continue;
    const before = (change.change.before ?? {}) as Record<string, unknown>;
    const after = (change.change.after ?? {}) as Record<string, unknown>;
    const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
    const changed = [...keys].filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]));
    if (!changed.length) out.push(`${change.address} ${change.change.actions.join("+")}`);
    for (const key of changed) out.push(`${change.address} ${key}`);
  }
  return out;
}

export async function runLifecycle(root: RootModule, options: LifecycleOptions): Promise<LifecycleResult> {
  const logs = join(root.dir, "logs");
  mkdirSync(logs, { recursive: true });
  const { terraform } = options;
  const steps: StepResult[] = [];
  const writeVars = (vars: Readonly<Record<string, unknown>>) =>
    writeFileSync(join(root.dir, "terraform.tfvars.json"), JSON.stringify(vars, null, 2));
  const init = await run(terraform, root.dir, ["init", "-input=false", "-no-color"], options.env);
  if (init.status !== 0)
    return { steps: [{ step: "init", ok: false, output: init.output, calls: [] }], ok: false, calls: [] };
  writeVars(root.vars);
  for (const step of options.steps ?? ALL_STEPS) {
    options.onStep?.(step);
    const logPath = join(logs, `${step}.log`);
    // The provider's half of TF_LOG=debug: its HTTP lines are the record; core logging only costs time.
    const env = { ...options.env, TF_LOG_PROVIDER: "debug", TF_LOG_PATH: logPath };
    let result: { status: number; output: string };
    let drift: string[] | undefined;
    if (step === "plan" || step === "replan") {
      result = await run(
        terraform,
        root.dir,
        ["plan", "-input=false", "-no-color", "-detailed-exitcode", "-out=proof.tfplan"],
        env,
      );
      if (result.status === 2) {
        const shown = await run(terraform, root.dir, ["show", "-json", "proof.tfplan"], options.env);
        drift = planChanges(shown.output);
        const unexpected = drift.filter((change) => !(root.allowedDrift ?? []).includes(change));
        result = {
          status: unexpected.length ? 1 : 0,
          output: `${result.output}\nchanges: ${drift.join(", ")}`,
        };
      }
    } else if (step === "destroy") {
      result = await run(terraform, root.dir, ["destroy", "-auto-approve", "-input=false", "-no-color"], env);
    } else {
      if (step === "update") writeVars(root.updateVars);
      if (step === "lift") root.liftProtection?.(root.dir);
      result = await run(terraform, root.dir, ["apply", "-auto-approve", "-input=false", "-no-color"], env);
    }
    const calls = existsSync(logPath) ? parseProviderLog(readFileSync(logPath, "utf8")) : [];
    steps.push({ step, ok: result.status === 0, output: result.output, calls, ...(drift ? { drift } : {}) });
    if (result.status !== 0) break;
  }
  const ok = steps.length === (options.steps ?? ALL_STEPS).length && steps.every((s) => s.ok);
  return { steps, ok, calls: steps.flatMap((s) => s.calls) };
}

/**
 * A root module folder: main.tf calling ./module and a copy of the generated module in ./module;
 * without `mainTf`, a copy of `source` itself (an example is a root module).
 */
export function writeRoot(dir: string, source: string, mainTf?: string): void {
  mkdirSync(dir, { recursive: true });
  const skipTests = (src: string) => !src.includes("/tests");
  if (mainTf === undefined) {
    cpSync(source, dir, { recursive: true, filter: skipTests });
    return;
  }
  cpSync(source, join(dir, "module"), { recursive: true, filter: skipTests });
  writeFileSync(join(dir, "main.tf"), mainTf);
}

/** Replaces text in every file of a module copy (for the test-only protection lift). */
export function rewriteModule(moduleDir: string, replacements: ReadonlyArray<[RegExp, string]>): void {
  for (const name of readdirSync(moduleDir)) {
    const file = join(moduleDir, name);
    if (!/\.tf(\.json)?$/.test(name)) continue;
    let text = readFileSync(file, "utf8");
    for (const [pattern, value] of replacements) text = text.replace(pattern, value);
    writeFileSync(file, text);
  }
}
