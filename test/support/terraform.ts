import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { findTerraform, NEEDS_TERRAFORM } from "./find-terraform";

/**
 * The one way tests run the real `terraform` binary (provider-free configurations, offline).
 *
 * Usage:
 *   tfTest("evaluates", () => {
 *     const root = writeRootModule({ "main.tf": `module "m" { source = "${dir}" ... }` });
 *     const result = terraformApply(requireTerraform(), root);   // init + apply -auto-approve
 *     expect(result.outputs.m_json).toEqual(...);
 *   });
 *
 * Without terraform on PATH, `tfTest`/`tfDescribe` (and their `.each`) register real jest skips
 * whose names end in NEEDS_TERRAFORM; the skip reporter prints how many at the end of the run. On
 * CI the global setup fails the run before any test instead (test/support/terraform-global-setup.ts).
 *
 * Every call runs with TF_CLI_CONFIG_FILE removed and CHECKPOINT_DISABLE=1, so no user config,
 * network check or plugin cache interferes; no provider is ever downloaded.
 */

/** The terraform binary on PATH, or undefined (then every tfTest is skipped). */
export const TERRAFORM: string | undefined = findTerraform();

/** The terraform binary, for the body of a tfTest (which only runs when there is one). */
export function requireTerraform(): string {
  if (!TERRAFORM) throw new Error("terraform is not on PATH: call this only inside tfTest or tfDescribe");
  return TERRAFORM;
}

/** A test (or `.each` table of tests) that needs terraform. */
export interface TerraformTest {
  (name: string, fn: jest.ProvidesCallback, timeout?: number): void;
  readonly each: jest.Each;
}

/** A describe block (or `.each` table of blocks) whose tests and hooks need terraform. */
export interface TerraformDescribe {
  (name: string, fn: jest.EmptyFunction): void;
  readonly each: jest.Each;
}

type Register = (name: string, fn: unknown, timeout?: number) => void;

/** `register` (test.skip or describe.skip) with NEEDS_TERRAFORM appended to every name. */
function markedSkip(register: Register, each: jest.Each): TerraformTest & TerraformDescribe {
  const named = (name: string) => `${name}${NEEDS_TERRAFORM}`;
  const eachMarked = (...table: unknown[]) => {
    const registerRows = (each as unknown as (...args: unknown[]) => Register)(...table);
    return (name: string, fn: unknown, timeout?: number) => registerRows(named(name), fn, timeout);
  };
  const skip = (name: string, fn: unknown, timeout?: number) => register(named(name), fn, timeout);
  return Object.assign(skip, { each: eachMarked as unknown as jest.Each });
}

export const tfTest: TerraformTest = TERRAFORM
  ? test
  : markedSkip(test.skip as unknown as Register, test.skip.each);

export const tfDescribe: TerraformDescribe = TERRAFORM
  ? describe
  : markedSkip(describe.skip as unknown as Register, describe.skip.each);

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

/** Writes a temporary root module, applies it (init + apply + outputs) and removes it again. */
export function applyRootModule(files: Readonly<Record<string, string>>): ApplyResult {
  const root = writeRootModule(files);
  try {
    return terraformApply(requireTerraform(), root);
  } finally {
    removeRootModule(root);
  }
}

/** Removes a temp root module (state and .terraform included). */
export function removeRootModule(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

export interface ConsoleResult {
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `terraform console` on a provider-free configuration (JSON syntax), so no init and no
 * provider download is needed; variable validation runs as it would at plan time.
 */
export function terraformConsole(
  terraform: string,
  config: object,
  expression: string,
  vars: Readonly<Record<string, string>> = {},
): ConsoleResult {
  const dir = mkdtempSync(join(tmpdir(), "tf-console-"));
  try {
    writeFileSync(join(dir, "main.tf.json"), JSON.stringify(config));
    const args = [
      "console",
      "-no-color",
      ...Object.entries(vars).map(([name, value]) => `-var=${name}=${value}`),
    ];
    const result = spawnSync(terraform, args, {
      cwd: dir,
      input: `${expression}\n`,
      encoding: "utf8",
      env: terraformEnv(),
    });
    return { stdout: result.stdout, stderr: result.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Evaluates `expression` to a JSON value (via `jsonencode`); throws with Terraform's error. */
export function evaluateJson(
  terraform: string,
  config: object,
  expression: string,
  vars: Readonly<Record<string, string>> = {},
): unknown {
  const { stdout, stderr } = terraformConsole(terraform, config, `jsonencode(${expression})`, vars);
  if (/Error:/.test(stderr) || stdout.trim() === "") throw new Error(`terraform console failed:\n${stderr}`);
  return JSON.parse(JSON.parse(stdout.trim()) as string) as unknown;
}

/** `terraform fmt -check -` on stdin: true when the text is already canonical. */
export function isFmtCanonical(terraform: string, text: string): { ok: boolean; detail: string } {
  const result = spawnSync(terraform, ["fmt", "-check", "-no-color", "-"], {
    input: text,
    encoding: "utf8",
    env: terraformEnv(),
  });
  return { ok: result.status === 0, detail: `${result.stdout}${result.stderr}` };
}
