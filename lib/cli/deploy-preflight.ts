import { execFileSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { request } from "node:https";
import { homedir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { UserError } from "../errors";

export const usage =
  "npm exec tsx lib/cli/bin.ts preflight <stack>   check terraform, providers and AWS credentials";

export interface CheckResult {
  readonly name: string;
  readonly ok: boolean;
  /** What was found, or what is missing and the command that fixes it. */
  readonly detail: string;
}

/** Terraform must be installed: cdktf diff/deploy shell out to it. */
export function checkTerraform(env: NodeJS.ProcessEnv = process.env): CheckResult {
  try {
    const out = execFileSync("terraform", ["version", "-json"], {
      encoding: "utf8",
      env: terraformEnv(env),
      stdio: ["ignore", "pipe", "ignore"],
      timeout: 10000,
    });
    const version = (JSON.parse(out) as { terraform_version?: string }).terraform_version ?? "unknown";
    return { name: "terraform", ok: true, detail: `terraform ${version} on PATH` };
  } catch {
    return {
      name: "terraform",
      ok: false,
      detail:
        "terraform is not on PATH. Install Terraform >= 1.10 (https://developer.hashicorp.com/terraform/install) and reopen the shell.",
    };
  }
}

/** The AWS provider comes from a plugin cache, a filesystem mirror, or registry.terraform.io. */
export async function checkAwsProvider(env: NodeJS.ProcessEnv = process.env): Promise<CheckResult> {
  const dirs = [
    env.TF_PLUGIN_CACHE_DIR,
    join(homedir(), ".terraform.d", "plugin-cache"),
    join(homedir(), ".terraform.d", "plugins"),
    join(homedir(), ".local", "share", "terraform", "plugins"),
    "/usr/share/terraform/plugins",
  ].filter((dir): dir is string => Boolean(dir));
  for (const dir of dirs) {
    const hashicorp = join(dir, "registry.terraform.io", "hashicorp", "aws");
    if (existsSync(hashicorp) && readdirSync(hashicorp).length) {
      return { name: "aws provider", ok: true, detail: `hashicorp/aws found in ${dir}` };
    }
  }
  if (await reachable("https://registry.terraform.io/v1/providers/hashicorp/aws/versions")) {
    return {
      name: "aws provider",
      ok: true,
      detail: "registry.terraform.io is reachable: terraform init downloads hashicorp/aws",
    };
  }
  return {
    name: "aws provider",
    ok: false,
    detail:
      "hashicorp/aws is in no plugin cache and registry.terraform.io is unreachable. Allow HTTPS to registry.terraform.io and releases.hashicorp.com, or put the provider in a mirror: `terraform providers mirror <dir>` on a connected machine, then set TF_PLUGIN_CACHE_DIR or a provider_installation filesystem_mirror in ~/.terraformrc.",
  };
}

/** Credentials in any form the AWS SDK's default chain accepts. */
export function checkAwsCredentials(env: NodeJS.ProcessEnv = process.env): CheckResult {
  const name = "aws credentials";
  if (env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY)
    return { name, ok: true, detail: "AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY set" };
  if (env.AWS_WEB_IDENTITY_TOKEN_FILE && env.AWS_ROLE_ARN)
    return { name, ok: true, detail: "web identity (AWS_ROLE_ARN) set" };
  if (env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI || env.AWS_CONTAINER_CREDENTIALS_FULL_URI)
    return { name, ok: true, detail: "container credentials endpoint set" };
  const profile = env.AWS_PROFILE ?? "default";
  const files = [
    env.AWS_SHARED_CREDENTIALS_FILE ?? join(homedir(), ".aws", "credentials"),
    env.AWS_CONFIG_FILE ?? join(homedir(), ".aws", "config"),
  ];
  if (files.some(existsSync)) {
    return {
      name,
      ok: true,
      detail: `profile "${profile}" from ${files.filter(existsSync).join(" or ")} (not verified: run \`aws sts get-caller-identity\`)`,
    };
  }
  return {
    name,
    ok: false,
    detail:
      "no AWS credentials found. Run `aws configure sso` (or `aws configure`) and export AWS_PROFILE, or export AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY for the target account.",
  };
}

/** The bootstrap consumes modules-out/hcl/state-backend by path: it must have been generated. */
export function checkStackInputs(stack: string, projectRoot: string): CheckResult {
  if (stack.startsWith("bootstrap-")) {
    const path = join(projectRoot, "modules-out", "hcl", "state-backend", "main.tf");
    return existsSync(path)
      ? { name: "module source", ok: true, detail: `${path} exists` }
      : { name: "module source", ok: false, detail: `${path} is missing: run \`npm run synth\` first.` };
  }
  return {
    name: "module source",
    ok: true,
    detail: "git source: fetched by terraform init (needs git and access to the repository)",
  };
}

function reachable(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request(url, { method: "HEAD", timeout: 3000 }, (res) => {
      res.resume();
      resolve((res.statusCode ?? 500) < 500);
    });
    req.on("timeout", () => req.destroy());
    req.on("error", () => resolve(false));
    req.end();
  });
}

/** terraform without the sandbox's CLI config and without calling home. */
function terraformEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const copy: NodeJS.ProcessEnv = { ...env, CHECKPOINT_DISABLE: "1" };
  delete copy.TF_CLI_CONFIG_FILE;
  return copy;
}

export async function run(args: string[]): Promise<number> {
  let stack: string | undefined;
  try {
    const parsed = parseArgs({ args, options: {}, strict: true, allowPositionals: true });
    if (parsed.positionals.length !== 1) throw new Error("expected exactly one stack name");
    stack = parsed.positionals[0];
  } catch (error) {
    throw new UserError(
      `preflight: ${error instanceof Error ? error.message : String(error)}. Usage: ${usage}`,
    );
  }
  const results = [
    checkTerraform(),
    await checkAwsProvider(),
    checkAwsCredentials(),
    checkStackInputs(stack, process.cwd()),
  ];
  for (const result of results)
    process.stdout.write(`${result.ok ? "ok  " : "MISSING"} ${result.name}: ${result.detail}\n`);
  const missing = results.filter((r) => !r.ok);
  process.stdout.write(
    missing.length
      ? `\n${missing.length} prerequisite(s) missing for \`cdktf deploy ${stack}\`; fix them and run preflight again.\n`
      : `\nReady: \`cdktf diff ${stack}\` and \`cdktf deploy ${stack}\`.\n`,
  );
  return missing.length ? 1 : 0;
}
