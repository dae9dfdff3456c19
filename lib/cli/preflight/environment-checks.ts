import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { SHIPPED_REPOSITORY_URL } from "../../config/schema";
import type { PlannedStack } from "../../stacks/deployable/deployable-plan";
import type { CheckResult } from "./check-result";

/** terraform without the user's CLI config (checked on its own) and without calling home. */
function terraformEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const copy: NodeJS.ProcessEnv = { ...env, CHECKPOINT_DISABLE: "1" };
  delete copy.TF_CLI_CONFIG_FILE;
  return copy;
}

/** Terraform must be installed: cdktf diff/deploy shell out to it. */
export function checkTerraform(env: NodeJS.ProcessEnv): CheckResult {
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
        "terraform is not on PATH. Install Terraform >= 1.11 (https://developer.hashicorp.com/terraform/install) and reopen the shell.",
    };
  }
}

/** A TF_CLI_CONFIG_FILE that names no file: terraform warns and ignores it, the cdktf CLI fails. */
export function checkCliConfigFile(env: NodeJS.ProcessEnv): CheckResult {
  const name = "terraform CLI config";
  const file = env.TF_CLI_CONFIG_FILE;
  if (file === undefined)
    return {
      name,
      ok: true,
      detail: "TF_CLI_CONFIG_FILE is not set (terraform reads ~/.terraformrc if it exists)",
    };
  return existsSync(file)
    ? { name, ok: true, detail: `TF_CLI_CONFIG_FILE=${file}` }
    : {
        name,
        ok: false,
        detail: `TF_CLI_CONFIG_FILE=${file} names a file that does not exist, so its provider mirror and credentials are ignored. Unset it (unset TF_CLI_CONFIG_FILE) or point it at the file.`,
      };
}

/** Credentials in any form the AWS SDK's default chain accepts. */
export function checkAwsCredentials(env: NodeJS.ProcessEnv): CheckResult {
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

/** Where the stack's module comes from: modules-out/ by path (bootstrap) or the published git tag. */
export function checkModuleSource(
  stack: PlannedStack,
  repositoryUrl: string,
  projectRoot: string,
): CheckResult {
  const name = "module source";
  if (stack.kind === "bootstrap") {
    const path = join(projectRoot, "modules-out", "hcl", "state-backend", "main.tf");
    return existsSync(path)
      ? { name, ok: true, detail: `${path} exists` }
      : { name, ok: false, detail: `${path} is missing: run \`npx cdktf synth\` first.` };
  }
  if (repositoryUrl === SHIPPED_REPOSITORY_URL) {
    return {
      name,
      ok: false,
      detail: `context.repositoryUrl in cdktf.json is still the shipped example ${SHIPPED_REPOSITORY_URL}: terraform init would fetch min-provisioner from there. Set it to your repository's git URL, push the ${stack.minProvisionerTag} tag there, and synth again.`,
    };
  }
  return {
    name,
    ok: true,
    detail: `${repositoryUrl} at ${stack.minProvisionerTag}: fetched by terraform init (needs git and read access to the repository)`,
  };
}
