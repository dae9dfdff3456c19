import { existsSync } from "node:fs";
import { request } from "node:https";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { UserError } from "../errors";
import { loadSettings } from "../config/load-settings";
import { loadModuleVersions } from "../config/module-versions";
import { bootstrapStateKeyArn } from "../config/bootstrap-outputs";
import { planDeployableStacks, type PlannedStack } from "../stacks/deployable/deployable-plan";
import type { CheckResult } from "./preflight/check-result";
import { checkAwsProvider } from "./preflight/provider-mirror";
import {
  checkAwsCredentials,
  checkCliConfigFile,
  checkModuleSource,
  checkTerraform,
} from "./preflight/environment-checks";

export const usage =
  "npm run preflight -- <stack>   check a deployable stack's prerequisites: terraform, its AWS provider, credentials, module source";

export interface PreflightOptions {
  readonly projectRoot?: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Whether registry.terraform.io answers; tests pass a stand-in so that no test goes online. */
  readonly registryReachable?: () => Promise<boolean>;
  readonly write?: (text: string) => void;
}

/** The stack named on the command line, if the settings give it; otherwise a UserError naming the ones they give. */
export function findDeployableStack(name: string, projectRoot: string): PlannedStack {
  const plan = planDeployableStacks(loadSettings(projectRoot), loadModuleVersions(projectRoot), (bootstrap) =>
    bootstrapStateKeyArn(projectRoot, bootstrap),
  );
  const stack = plan.stacks.find((planned) => planned.name === name);
  if (stack) return stack;
  // A stack the settings name but cannot build yet: say why and what fixes it.
  const notice = plan.notices.find((line) => line.includes(` ${name} `) || line.includes(` ${name}.`));
  if (notice) throw new UserError(`preflight: ${notice}`);
  const known = plan.stacks.map((planned) => planned.name).join(", ") || "none";
  // modules-out/hcl/<name> holds each generated module.
  const isModule = /^[a-z0-9-]+$/.test(name) && existsSync(join(projectRoot, "modules-out", "hcl", name));
  const why = isModule
    ? `"${name}" is a module, not a deployable stack: consumers deploy it from their own configuration`
    : `no deployable stack is named "${name}" in the settings of ${join(projectRoot, "cdktf.json")}`;
  throw new UserError(`preflight: ${why}. Deployable stacks: ${known}.`);
}

async function checksFor(stack: PlannedStack, options: Required<PreflightOptions>): Promise<CheckResult[]> {
  const { env, projectRoot } = options;
  const stackDir = join(env.CDKTF_OUTDIR ?? join(projectRoot, "cdktf.out"), "stacks", stack.name);
  const repositoryUrl = loadSettings(projectRoot).repositoryUrl;
  return [
    checkTerraform(env),
    checkCliConfigFile(env),
    await checkAwsProvider(stackDir, env, projectRoot, options.registryReachable),
    checkAwsCredentials(env),
    checkModuleSource(stack, repositoryUrl, projectRoot),
  ];
}

export async function run(args: string[], overrides: PreflightOptions = {}): Promise<number> {
  const options: Required<PreflightOptions> = {
    projectRoot: overrides.projectRoot ?? process.cwd(),
    env: overrides.env ?? process.env,
    registryReachable:
      overrides.registryReachable ??
      (() => reachable("https://registry.terraform.io/v1/providers/hashicorp/aws/versions")),
    write: overrides.write ?? ((text) => process.stdout.write(text)),
  };
  const stack = findDeployableStack(stackArgument(args), options.projectRoot);
  const results = await checksFor(stack, options);
  for (const result of results)
    options.write(`${result.ok ? "ok     " : "MISSING"} ${result.name}: ${result.detail}\n`);
  const missing = results.filter((result) => !result.ok);
  options.write(
    missing.length
      ? `\n${missing.length} prerequisite(s) missing for \`cdktf deploy ${stack.name}\`; fix them and run preflight again.\n`
      : `\nReady: \`npx cdktf diff ${stack.name}\` and \`npx cdktf deploy ${stack.name}\`.\n`,
  );
  return missing.length ? 1 : 0;
}

function stackArgument(args: string[]): string {
  try {
    const parsed = parseArgs({ args, options: {}, strict: true, allowPositionals: true });
    if (parsed.positionals.length !== 1) throw new Error("expected exactly one stack name");
    return parsed.positionals[0];
  } catch (error) {
    throw new UserError(
      `preflight: ${error instanceof Error ? error.message : String(error)}. Usage: ${usage}`,
    );
  }
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
