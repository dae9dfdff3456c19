import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { run } from "../../lib/cli/deploy-preflight";
import { mirrorCliConfig, terraformPlatform } from "../../lib/cli/preflight/provider-mirror";
import { UserError } from "../../lib/errors";
import { runApp, shippedContext, temporaryProject } from "./temp-project";

const PAYMENTS = {
  name: "payments",
  accountId: "210987654321",
  region: "eu-central-1",
  trustedPrincipalArns: ["arn:aws:iam::210987654321:role/payments-ci"],
  // As if its bootstrap were deployed: the provisioner's backend needs the key it created.
  stateKmsKeyArn: "arn:aws:kms:eu-central-1:210987654321:key/6a1e2b3c-4d5e-4f60-8a7b-9c0d1e2f3a4b",
};
const BOOTSTRAP = "bootstrap-payments-210987654321-eu-central-1";
const PROVISIONER = "provisioner-payments-210987654321-eu-central-1";
/** The range the synthesized stacks accept by default (settings awsProviderVersion). */
const AWS_RANGE = ">= 5.100, < 7.0";
/** The version @cdktf/provider-aws 21.x is generated from: in that range. */
const AWS_VERSION = "6.25.0";

let project: string;
let home: string;
beforeAll(() => {
  project = temporaryProject({ ...shippedContext(), environments: [PAYMENTS] });
  expect(runApp(project).status).toBe(0);
  home = mkdtempSync(join(tmpdir(), "stm-home-"));
});
afterAll(() => [project, home].forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** Preflight in the temporary project; no test goes online: the registry is unreachable. */
async function preflight(
  stack: string,
  env: NodeJS.ProcessEnv = {},
): Promise<{ status: number; lines: string }> {
  let lines = "";
  const status = await run([stack], {
    projectRoot: project,
    env: { PATH: process.env.PATH, HOME: home, XDG_DATA_HOME: join(home, "data"), ...env },
    registryReachable: async () => false,
    write: (text) => {
      lines += text;
    },
  });
  return { status, lines };
}

/** A filesystem mirror in terraform's unpacked layout holding a stand-in provider binary. */
function mirrorWith(version: string): string {
  const mirror = mkdtempSync(join(tmpdir(), "stm-mirror-"));
  const dir = join(mirror, "registry.terraform.io", "hashicorp", "aws", version, terraformPlatform());
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `terraform-provider-aws_v${version}_x5`), "#!/bin/sh\nexit 1\n");
  chmodSync(join(dir, `terraform-provider-aws_v${version}_x5`), 0o755);
  return mirror;
}

describe("npm run preflight -- <stack>", () => {
  it("refuses a stack the settings do not give, naming the ones they give", async () => {
    // Before: `preflight -- bootstrap-tz` printed "ok" for every check.
    await expect(preflight("bootstrap-tz")).rejects.toThrow(
      new UserError(
        `preflight: no deployable stack is named "bootstrap-tz" in the settings of ${join(project, "cdktf.json")}. Deployable stacks: ${BOOTSTRAP}, ${PROVISIONER}.`,
      ),
    );
  });

  it("refuses a provisioner whose bootstrap key is unknown, naming the command that fixes it", async () => {
    const fresh = temporaryProject({
      ...shippedContext(),
      environments: [{ ...PAYMENTS, stateKmsKeyArn: undefined }],
    });
    try {
      await expect(
        run([PROVISIONER], {
          projectRoot: fresh,
          registryReachable: async () => false,
          write: () => undefined,
        }),
      ).rejects.toThrow(
        `preflight: No provisioner stack ${PROVISIONER} yet: its state key is unknown until ${BOOTSTRAP} is deployed. Run \`npx cdktf deploy ${BOOTSTRAP}\``,
      );
    } finally {
      rmSync(fresh, { recursive: true, force: true });
    }
  });

  it("refuses a module: it is not deployable", async () => {
    await expect(preflight("state-access-policy")).rejects.toThrow(
      '"state-access-policy" is a module, not a deployable stack',
    );
  });

  it("names the provider version the stack needs and how to mirror it", async () => {
    const { status, lines } = await preflight(BOOTSTRAP);
    expect(status).toBe(1);
    expect(lines).toContain(`MISSING aws provider: hashicorp/aws ${AWS_RANGE} is in no filesystem mirror`);
    expect(lines).toContain(
      `terraform providers mirror -platform=${terraformPlatform()} /opt/terraform-mirror`,
    );
    expect(lines).toContain("filesystem_mirror {");
    expect(lines).toContain("is not a mirror");
  });

  it("flags a repositoryUrl that is still the shipped example for a stack that fetches from it", async () => {
    expect((await preflight(PROVISIONER)).lines).toContain(
      "MISSING module source: context.repositoryUrl in cdktf.json is still the shipped example https://github.com/example-org/secure-tf-modules.git",
    );
    expect((await preflight(BOOTSTRAP)).lines).toMatch(
      /ok +module source: .*modules-out\/hcl\/state-backend\/main.tf exists/,
    );
  });

  it("warns when TF_CLI_CONFIG_FILE names a missing file", async () => {
    const missing = join(home, "no-such.tfrc");
    expect((await preflight(BOOTSTRAP, { TF_CLI_CONFIG_FILE: missing })).lines).toContain(
      `MISSING terraform CLI config: TF_CLI_CONFIG_FILE=${missing} names a file that does not exist`,
    );
  });

  it("accepts the provider from a filesystem mirror named in the CLI config, and not from a plugin cache", async () => {
    const mirror = mirrorWith(AWS_VERSION);
    const config = join(home, "mirror.tfrc");
    writeFileSync(config, mirrorCliConfig(mirror));
    expect((await preflight(BOOTSTRAP, { TF_CLI_CONFIG_FILE: config })).lines).toContain(
      `ok      aws provider: the stack needs hashicorp/aws ${AWS_RANGE}: ${AWS_VERSION} is in the filesystem mirror ${mirror}`,
    );
    expect((await preflight(BOOTSTRAP, { TF_PLUGIN_CACHE_DIR: mirror })).lines).toContain(
      "MISSING aws provider",
    );
    // 5.100, the version of this project's own mirror, is in the range too.
    const five = mirrorWith("5.100.0");
    writeFileSync(config, mirrorCliConfig(five));
    expect((await preflight(BOOTSTRAP, { TF_CLI_CONFIG_FILE: config })).lines).toContain(
      `ok      aws provider: the stack needs hashicorp/aws ${AWS_RANGE}: 5.100.0 is in the filesystem mirror ${five}`,
    );
    // A mirror of a version outside the range does not serve it, and preflight says what it holds.
    const other = mirrorWith("4.67.0");
    writeFileSync(config, mirrorCliConfig(other));
    expect((await preflight(BOOTSTRAP, { TF_CLI_CONFIG_FILE: config })).lines).toContain(
      `MISSING aws provider: the stack needs hashicorp/aws ${AWS_RANGE}, and the filesystem mirrors hold only 4.67.0 (${other}): set context.awsProviderVersion in cdktf.json`,
    );
    [mirror, five, other].forEach((dir) => rmSync(dir, { recursive: true, force: true }));
  });
});
