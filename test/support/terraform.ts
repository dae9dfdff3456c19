import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";

/**
 * Running the real `terraform` binary on provider-free configurations (policy modules), offline.
 *
 * Usage:
 *   const terraform = findTerraform();
 *   const maybe = terraform ? test : skipLoudly("terraform is not on PATH", test);
 *   maybe("evaluates", () => {
 *     const root = writeRootModule({ "main.tf": `module "m" { source = "${dir}" ... }` });
 *     const result = terraformApply(terraform!, root);   // init + apply -auto-approve
 *     expect(result.outputs.m_json).toEqual(...);
 *   });
 *
 * Every call runs with TF_CLI_CONFIG_FILE removed and CHECKPOINT_DISABLE=1, so no user config,
 * network check or plugin cache interferes; no provider is ever downloaded.
 */

/** Path of the terraform binary on PATH, or undefined when it is absent. */
export function findTerraform(): string | undefined {
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    const candidate = join(dir, "terraform");
    if (dir && existsSync(candidate)) return candidate;
  }
  return undefined;
}

/**
 * A test function that prints why it skipped and passes, for tests that need a tool which is not
 * installed. The line is printed once per test, so a skipped run is visible in the output.
 */
export function skipLoudly(reason: string, _test: jest.It = test): jest.It {
  const skipped = ((name: string) =>
    test(name, () => {
      process.stdout.write(`SKIPPED "${name}": ${reason}\n`);
    })) as unknown as jest.It;
  return skipped;
}

/** The environment terraform runs in: the caller's, minus TF_CLI_CONFIG_FILE, plus no checkpoint. */
export function terraformEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, CHECKPOINT_DISABLE: "1", TF_IN_AUTOMATION: "1" };
  delete env.TF_CLI_CONFIG_FILE;
  return env;
}

/** Writes files into a fresh temp directory and returns its path. */
export function writeRootModule(files: Readonly<Record<string, string>>): string {
  const dir = mkdtempSync(join(tmpdir(), "tf-root-"));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

export interface CommandResult {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs one terraform command in a directory (never throws; read `status`). */
export function runTerraform(terraform: string, dir: string, args: readonly string[]): CommandResult {
  const result = spawnSync(terraform, ["-chdir=" + dir, ...args], {
    env: terraformEnv(),
    encoding: "utf8",
    timeout: 120_000,
  });
  return { status: result.status ?? -1, stdout: result.stdout ?? "", stderr: result.stderr ?? "" };
}

export interface ApplyResult {
  /** `apply` succeeded. */
  readonly ok: boolean;
  /** Output values (`terraform output -json`, values only); empty when apply failed. */
  readonly outputs: Record<string, unknown>;
  /** What terraform printed, for error assertions (ANSI colours are off). */
  readonly log: string;
}

/** `terraform init` + `apply -auto-approve` + `output -json` in a root module directory. */
export function terraformApply(terraform: string, dir: string): ApplyResult {
  const init = runTerraform(terraform, dir, ["init", "-input=false", "-no-color"]);
  if (init.status !== 0) return { ok: false, outputs: {}, log: init.stdout + init.stderr };
  const apply = runTerraform(terraform, dir, ["apply", "-auto-approve", "-input=false", "-no-color"]);
  const log = apply.stdout + apply.stderr;
  if (apply.status !== 0) return { ok: false, outputs: {}, log };
  const output = runTerraform(terraform, dir, ["output", "-json", "-no-color"]);
  const raw = JSON.parse(output.stdout) as Record<string, { value: unknown }>;
  const outputs: Record<string, unknown> = {};
  for (const [name, entry] of Object.entries(raw)) outputs[name] = entry.value;
  return { ok: true, outputs, log };
}

/** Removes a temp root module (state and .terraform included). */
export function removeRootModule(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
