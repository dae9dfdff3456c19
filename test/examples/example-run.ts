import { spawn } from "node:child_process";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { EXAMPLES_DIR, type ExampleName } from "./example-config";

/** modules-out/hcl: the examples of the provider modules source `../../modules-out/hcl/<module>`. */
const MODULES_HCL = join(__dirname, "..", "..", "modules-out", "hcl");
/** What a user's earlier run may have left in an example folder; never copied. */
const LOCAL_STATE = [".terraform", ".terraform.lock.hcl", "terraform.tfstate", "terraform.tfstate.backup"];

export interface TerraformRun {
  readonly status: number;
  readonly output: string;
  readonly seconds: number;
}

/**
 * One example copied to a scratch tree laid out like the repository (`examples/<name>` next to
 * `modules-out/hcl`), so its relative module sources resolve and its state never lands in the
 * worktree. Terraform runs niced (2 shared cores), with the environment given (the local AWS's).
 */
export class ExampleCopy {
  readonly dir: string;
  private readonly root: string;

  constructor(
    readonly name: ExampleName,
    private readonly env: NodeJS.ProcessEnv,
    private readonly terraform: string,
  ) {
    this.root = mkdtempSync(join(tmpdir(), `example-${name}-`));
    this.dir = join(this.root, "examples", name);
    const keep = (source: string) => !LOCAL_STATE.includes(basename(source));
    cpSync(join(EXAMPLES_DIR, name), this.dir, { recursive: true, filter: keep });
    cpSync(MODULES_HCL, join(this.root, "modules-out", "hcl"), { recursive: true, filter: keep });
  }

  /**
   * `terraform <args>` in the copy; never throws (read `status`). Asynchronous on purpose: moto's
   * log goes to a pipe the harness drains on the event loop, and a blocking spawnSync of a long
   * apply would let that pipe fill until moto stops answering.
   */
  run(args: readonly string[], timeoutSeconds = 300): Promise<TerraformRun> {
    const started = Date.now();
    const child = spawn("nice", ["-n", "10", this.terraform, `-chdir=${this.dir}`, ...args, "-no-color"], {
      env: this.env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => child.kill("SIGTERM"), timeoutSeconds * 1000);
    return new Promise((resolve) => {
      const done = (status: number, extra = "") => {
        clearTimeout(timer);
        resolve({ status, output: output + extra, seconds: Math.round((Date.now() - started) / 1000) });
      };
      child.once("error", (error) => done(-1, String(error)));
      child.once("close", (code, signal) =>
        done(code ?? -1, signal ? `\nkilled by ${signal} after ${timeoutSeconds} s` : ""),
      );
    });
  }

  /** Like `run`, but a failure throws with terraform's own output; prints one progress line. */
  async step(label: string, args: readonly string[], timeoutSeconds = 300): Promise<TerraformRun> {
    const result = await this.run(args, timeoutSeconds);
    process.stdout.write(`[examples] ${this.name}: ${label} exit ${result.status} in ${result.seconds} s\n`);
    if (result.status !== 0)
      throw new Error(`terraform ${args[0]} of examples/${this.name} failed:\n${result.output}`);
    return result;
  }

  /** `terraform show -json [plan]` parsed. */
  async showJson<T>(planFile?: string): Promise<T> {
    const result = await this.run(["show", "-json", ...(planFile ? [planFile] : [])]);
    if (result.status !== 0)
      throw new Error(`terraform show of examples/${this.name} failed:\n${result.output}`);
    return JSON.parse(result.output) as T;
  }

  remove(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}

/** `-var` arguments: strings as they are, anything else (maps, numbers, booleans) as HCL/JSON. */
export function varArgs(vars: Readonly<Record<string, unknown>>): string[] {
  return Object.entries(vars).map(
    ([name, value]) => `-var=${name}=${typeof value === "string" ? value : JSON.stringify(value)}`,
  );
}
