import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** The terraform binary, or undefined (callers then print that they skipped and pass). */
export function findTerraform(): string | undefined {
  for (const dir of (process.env.PATH ?? "").split(":")) {
    const candidate = join(dir, "terraform");
    if (dir && existsSync(candidate)) return candidate;
  }
  return undefined;
}

export function skipNotice(what: string): void {
  process.stdout.write(`SKIPPED (terraform not on PATH): ${what}\n`);
}

function terraformEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, CHECKPOINT_DISABLE: "1", TF_IN_AUTOMATION: "1" };
  delete env.TF_CLI_CONFIG_FILE;
  return env;
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
  const dir = mkdtempSync(join(tmpdir(), "sb-console-"));
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
