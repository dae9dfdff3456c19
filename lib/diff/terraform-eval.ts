import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { UserError } from "../errors";
import type { JsonObject } from "./module-config";

/** One module call to evaluate: a provider-free module and its input values. */
export interface EvaluationJob {
  readonly module: JsonObject;
  readonly inputs: Readonly<Record<string, unknown>>;
}

export type EvaluationResult =
  | { readonly ok: true; readonly outputs: Readonly<Record<string, unknown>> }
  | { readonly ok: false; readonly error: string };

/** The terraform binary on PATH; diff and publish need it to read a module's permissions. */
export function terraformBinary(): string {
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    const candidate = join(dir, "terraform");
    if (dir && existsSync(candidate)) return candidate;
  }
  throw new UserError(
    "terraform was not found on PATH: diff and publish evaluate each module's policies with it. Install Terraform >= 1.9 and run again.",
  );
}

function runTerraform(
  dir: string,
  args: readonly string[],
): { status: number; stdout: string; output: string } {
  const env: NodeJS.ProcessEnv = { ...process.env, CHECKPOINT_DISABLE: "1", TF_IN_AUTOMATION: "1" };
  delete env.TF_CLI_CONFIG_FILE;
  const result = spawnSync(terraformBinary(), [`-chdir=${dir}`, ...args], {
    env,
    encoding: "utf8",
    timeout: 300_000,
    maxBuffer: 256 * 1024 * 1024,
  });
  const stdout = result.stdout ?? "";
  return { status: result.status ?? -1, stdout, output: `${stdout}${result.stderr ?? ""}` };
}

/** Terraform's first error, on one line. */
const firstError = (log: string): string => {
  const lines = log.split("\n").map((line) => line.replace(/^[│╷╵\s]+/, "").trim());
  const start = lines.findIndex((line) => line.startsWith("Error:"));
  return (start < 0 ? lines.filter(Boolean).slice(-2) : lines.slice(start, start + 4).filter(Boolean)).join(
    " ",
  );
};

/**
 * Evaluates every job in one offline Terraform run (init + apply of a root module that calls each
 * job's module and outputs it whole); no provider is involved, so nothing is downloaded. When the
 * run fails, each job is run alone so that one broken module does not hide the others.
 */
export function evaluateJobs(jobs: readonly EvaluationJob[]): EvaluationResult[] {
  if (jobs.length === 0) return [];
  const together = evaluateTogether(jobs);
  if (together.ok) return jobs.map((_, index) => outputOf(together.outputs, index));
  if (jobs.length === 1) return [together];
  return jobs.map((job) => {
    const alone = evaluateTogether([job]);
    return alone.ok ? outputOf(alone.outputs, 0) : alone;
  });
}

function outputOf(outputs: Readonly<Record<string, unknown>>, index: number): EvaluationResult {
  const value = outputs[`j${index}`];
  return {
    ok: true,
    outputs: value !== null && typeof value === "object" ? (value as Record<string, unknown>) : {},
  };
}

function evaluateTogether(jobs: readonly EvaluationJob[]): EvaluationResult {
  const root = mkdtempSync(join(tmpdir(), "stm-eval-"));
  try {
    const folders = new Map<string, string>();
    const module: JsonObject = {};
    const output: JsonObject = {};
    jobs.forEach((job, index) => {
      const text = JSON.stringify(job.module);
      let folder = folders.get(text);
      if (folder === undefined) {
        folder = `m${folders.size}`;
        folders.set(text, folder);
        mkdirSync(join(root, folder));
        writeFileSync(join(root, folder, "main.tf.json"), text);
      }
      module[`j${index}`] = { source: `./${folder}`, ...job.inputs };
      output[`j${index}`] = { value: `\${module.j${index}}`, sensitive: true };
    });
    writeFileSync(join(root, "main.tf.json"), JSON.stringify({ module, output }));
    for (const args of [
      ["init", "-input=false", "-no-color", "-backend=false"],
      ["apply", "-auto-approve", "-input=false", "-no-color", "-lock=false"],
    ]) {
      const step = runTerraform(root, args);
      if (step.status !== 0) return { ok: false, error: firstError(step.output) };
    }
    const shown = runTerraform(root, ["output", "-json", "-no-color"]);
    if (shown.status !== 0) return { ok: false, error: firstError(shown.output) };
    const raw = JSON.parse(shown.stdout) as Record<string, { value: unknown }>;
    return {
      ok: true,
      outputs: Object.fromEntries(Object.entries(raw).map(([name, entry]) => [name, entry.value])),
    };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
