import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { terraformEnv } from "../support/terraform";
import type { Role } from "./aws-call";

/**
 * A root module with only `terraform_data` (built into terraform: no provider download) and an S3
 * backend pointed at the loopback endpoint, plus running terraform in it as one of the two roles.
 */

/** Access key ids of the two roles; the endpoint tells the roles apart by them. */
export const ACCESS_KEYS: Readonly<Record<Role, string>> = {
  runtime: "AKIABACKENDPROOFRUN0",
  "read-only": "AKIABACKENDPROOFPLAN",
};

export interface BackendSettings {
  readonly endpoint: string;
  readonly bucket: string;
  readonly key: string;
  readonly region: string;
  readonly workspaceKeyPrefix: string;
  readonly useLockfile: boolean;
  readonly lockTable?: string;
  /** SSE-KMS with this key; SSE-S3 when absent (`encrypt = true` either way). */
  readonly kmsKeyArn?: string;
}

/**
 * The configuration: `payload_bytes` grows the state (a state over 5 MiB is uploaded in parts),
 * `hold_seconds` makes apply wait inside a local-exec provisioner while it holds the lock, after
 * touching `holding` so the driver knows when to kill it.
 */
const MAIN_TF = `
variable "generation" {
  type    = string
  default = "1"
}
variable "payload_bytes" {
  type    = number
  default = 0
}
variable "hold_seconds" {
  type    = number
  default = 0
}
resource "terraform_data" "app" {
  input = {
    generation = var.generation
    payload    = var.payload_bytes > 0 ? format("%\${var.payload_bytes}s", "") : ""
  }
}
resource "terraform_data" "hold" {
  count = var.hold_seconds > 0 ? 1 : 0
  provisioner "local-exec" {
    command = "touch holding && sleep \${var.hold_seconds}"
  }
}
output "generation" {
  value = terraform_data.app.output.generation
}
`;

export function backendBlock(settings: BackendSettings): string {
  const lines = [
    `bucket               = "${settings.bucket}"`,
    `key                  = "${settings.key}"`,
    `region               = "${settings.region}"`,
    `workspace_key_prefix = "${settings.workspaceKeyPrefix}"`,
    `endpoints = {`,
    `  s3       = "${settings.endpoint}"`,
    `  dynamodb = "${settings.endpoint}"`,
    `  sts      = "${settings.endpoint}"`,
    `}`,
    `use_path_style          = true`,
    `skip_metadata_api_check = true`,
    `encrypt                 = true`,
    `use_lockfile            = ${settings.useLockfile}`,
    ...(settings.lockTable ? [`dynamodb_table = "${settings.lockTable}"`] : []),
    ...(settings.kmsKeyArn ? [`kms_key_id = "${settings.kmsKeyArn}"`] : []),
  ];
  return `terraform {\n  backend "s3" {\n${lines.map((l) => `    ${l}`).join("\n")}\n  }\n}\n`;
}

/** A fresh root module; without `backend` it keeps local state (for `init -migrate-state`). */
export function writeBackendRoot(backend: BackendSettings | undefined): string {
  const dir = mkdtempSync(join(tmpdir(), "backend-proof-"));
  writeFileSync(join(dir, "main.tf"), MAIN_TF);
  if (backend) writeFileSync(join(dir, "backend.tf"), backendBlock(backend));
  return dir;
}

/** terraform's environment: no AWS settings of this machine, the role's dummy keys, no proxy. */
export function roleEnv(role: Role): NodeJS.ProcessEnv {
  // This machine's AWS settings (profiles, CA bundle, endpoints) and proxies must not reach terraform.
  const env = Object.fromEntries(
    Object.entries(terraformEnv()).filter(
      ([name]) => !name.startsWith("AWS_") && !/^(https?|all|no)_proxy$/i.test(name),
    ),
  );
  return {
    ...env,
    AWS_ACCESS_KEY_ID: ACCESS_KEYS[role],
    AWS_SECRET_ACCESS_KEY: "backend-proof-dummy-secret",
    AWS_CONFIG_FILE: "/nonexistent/backend-proof/config",
    AWS_SHARED_CREDENTIALS_FILE: "/nonexistent/backend-proof/credentials",
    NO_PROXY: "127.0.0.1",
    TF_INPUT: "0",
  };
}

export interface RunResult {
  readonly status: number;
  readonly output: string;
}

/** Starts terraform in its own process group (so a kill reaches the provisioner's children too). */
export function startTerraform(
  terraform: string,
  dir: string,
  role: Role,
  args: readonly string[],
): ChildProcess {
  return spawn(terraform, [`-chdir=${dir}`, ...args], {
    env: roleEnv(role),
    cwd: dir,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
}

/** Runs terraform to completion (bounded by timeoutMs: then the group is killed and status is -1). */
export function runTerraformAs(
  terraform: string,
  dir: string,
  role: Role,
  args: readonly string[],
  timeoutMs = 60_000,
): Promise<RunResult> {
  const child = startTerraform(terraform, dir, role, args);
  return collect(child, timeoutMs);
}

export function collect(child: ChildProcess, timeoutMs: number): Promise<RunResult> {
  let output = "";
  child.stdout?.on("data", (data: Buffer) => (output += data.toString("utf8")));
  child.stderr?.on("data", (data: Buffer) => (output += data.toString("utf8")));
  return new Promise((resolve) => {
    const timer = setTimeout(() => killGroup(child), timeoutMs);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ status: code ?? -1, output });
    });
  });
}

/** SIGKILL to the child's process group (terraform and what its provisioner started). */
export function killGroup(child: ChildProcess): void {
  if (child.pid === undefined || child.exitCode !== null) return;
  try {
    process.kill(-child.pid, "SIGKILL");
  } catch {
    // Already gone: nothing to stop.
  }
}
