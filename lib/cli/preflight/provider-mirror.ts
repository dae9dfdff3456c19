import { existsSync, readdirSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { satisfies as versionSatisfies } from "semver";
import type { CheckResult } from "./check-result";
import { constraintAsSemverRange } from "../../config/provider-constraint";

const AWS_ADDRESS = "registry.terraform.io/hashicorp/aws";

/** The platform folder terraform uses in a mirror, e.g. `linux_amd64`. */
export function terraformPlatform(platform: string = process.platform, arch: string = process.arch): string {
  const archName: Readonly<Record<string, string>> = {
    x64: "amd64",
    arm64: "arm64",
    ia32: "386",
    arm: "arm",
  };
  return `${platform === "win32" ? "windows" : platform}_${archName[arch] ?? arch}`;
}

/** The hashicorp/aws version a synthesized stack pins (`required_providers.aws.version`). */
export function requiredAwsProvider(stackJsonPath: string): string | undefined {
  if (!existsSync(stackJsonPath)) return undefined;
  const stack = JSON.parse(readFileSync(stackJsonPath, "utf8")) as {
    terraform?: { required_providers?: Record<string, { version?: string }> };
  };
  return stack.terraform?.required_providers?.aws?.version;
}

/** The CLI configuration terraform reads: TF_CLI_CONFIG_FILE, else ~/.terraformrc. */
export function cliConfigPath(env: NodeJS.ProcessEnv): string {
  return env.TF_CLI_CONFIG_FILE ?? join(homedir(), ".terraformrc");
}

/**
 * Folders terraform installs providers from without the network: the `filesystem_mirror` paths of
 * the CLI configuration, or, when it has no provider_installation block, the implicit local mirrors.
 */
export function mirrorDirectories(env: NodeJS.ProcessEnv, cwd: string): string[] {
  const config = cliConfigPath(env);
  const text = existsSync(config) ? readFileSync(config, "utf8") : "";
  if (/provider_installation\s*{/.test(text)) {
    const blocks = text.match(/filesystem_mirror\s*{[^}]*}/g) ?? [];
    return blocks.flatMap((block) => /path\s*=\s*"([^"]+)"/.exec(block)?.[1] ?? []);
  }
  const dataHome = env.XDG_DATA_HOME ?? join(homedir(), ".local", "share");
  return [
    join(cwd, "terraform.d", "plugins"),
    join(homedir(), ".terraform.d", "plugins"),
    join(dataHome, "terraform", "plugins"),
    "/usr/local/share/terraform/plugins",
    "/usr/share/terraform/plugins",
  ];
}

/** hashicorp/aws versions a mirror holds for this platform, packed (zip) or unpacked layout. */
export function mirroredAwsVersions(mirror: string, platform: string = terraformPlatform()): string[] {
  const dir = join(mirror, AWS_ADDRESS);
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((entry) => {
    const packed = /^terraform-provider-aws_(.+)_([a-z0-9]+_[a-z0-9]+)\.zip$/.exec(entry);
    if (packed) return packed[2] === platform ? [packed[1]] : [];
    return existsSync(join(dir, entry, platform)) ? [entry] : [];
  });
}

/** A CLI configuration that installs hashicorp/aws from a filesystem mirror and nothing else from the network for it. */
export function mirrorCliConfig(mirror: string): string {
  return [
    "provider_installation {",
    "  filesystem_mirror {",
    `    path    = ${JSON.stringify(mirror)}`,
    `    include = ["${AWS_ADDRESS}"]`,
    "  }",
    "  direct {",
    `    exclude = ["${AWS_ADDRESS}"]`,
    "  }",
    "}",
  ].join("\n");
}

/** What to do when neither a mirror nor the registry can supply the provider. */
export function mirrorAdvice(version: string): string {
  const mirror = "/opt/terraform-mirror";
  const indent = (text: string) => text.replace(/^/gm, "        ");
  const requirement = `terraform { required_providers { aws = { source = "hashicorp/aws", version = "${version}" } } }`;
  return [
    `hashicorp/aws ${version} is in no filesystem mirror and registry.terraform.io is unreachable. Either allow HTTPS to registry.terraform.io and releases.hashicorp.com, or make a filesystem mirror:`,
    `      1. on a machine with internet access, in an empty folder with a main.tf holding`,
    `         ${requirement}`,
    `         run: terraform providers mirror -platform=${terraformPlatform()} ${mirror}`,
    `      2. copy ${mirror} to this machine and write a CLI configuration file (e.g. ~/.terraformrc) containing:`,
    indent(mirrorCliConfig(mirror)),
    "      3. if that file is not ~/.terraformrc, export TF_CLI_CONFIG_FILE=<its path>.",
    "      (A plugin cache, TF_PLUGIN_CACHE_DIR, is not a mirror: terraform init still asks the registry.)",
  ].join("\n");
}

/** Is `version` (an exact pin or a constraint such as `>= 6.0`) met by one of the mirrored versions? */
export function mirrorHolds(versions: readonly string[], required: string): string | undefined {
  const range = constraintAsSemverRange(required);
  return versions.find((version) => versionSatisfies(version, range));
}

/** hashicorp/aws: from a filesystem mirror (what init uses offline) or from the registry. */
export async function checkAwsProvider(
  stackDir: string,
  env: NodeJS.ProcessEnv,
  cwd: string,
  registryReachable: () => Promise<boolean>,
): Promise<CheckResult> {
  const name = "aws provider";
  const required = requiredAwsProvider(join(stackDir, "cdk.tf.json"));
  if (!required) {
    return { name, ok: false, detail: `${stackDir}/cdk.tf.json is missing: run \`npx cdktf synth\` first.` };
  }
  for (const mirror of mirrorDirectories(env, cwd)) {
    const found = mirrorHolds(mirroredAwsVersions(mirror), required);
    if (found)
      return {
        name,
        ok: true,
        detail: `the stack needs hashicorp/aws ${required}: ${found} is in the filesystem mirror ${mirror}`,
      };
  }
  if (await registryReachable()) {
    return {
      name,
      ok: true,
      detail: `the stack needs hashicorp/aws ${required}: registry.terraform.io is reachable, terraform init downloads it`,
    };
  }
  const held = mirrorDirectories(env, cwd).flatMap((mirror) =>
    mirroredAwsVersions(mirror).map((version) => `${version} (${mirror})`),
  );
  const detail = held.length
    ? `the stack needs hashicorp/aws ${required}, and the filesystem mirrors hold only ${held.join(", ")}: set context.awsProviderVersion in cdktf.json to a constraint one of them meets (e.g. ">= 5.100, < 7.0"), or add a matching version to a mirror.\n${mirrorAdvice(required)}`
    : mirrorAdvice(required);
  return { name, ok: false, detail };
}
