import { spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { mirrorCliConfig, terraformPlatform } from "../../lib/cli/preflight/provider-mirror";
import {
  requireTerraform,
  terraformEnv,
  tfTest,
  writeRootModule,
  removeRootModule,
} from "../support/terraform";

/** The version cdktf pins in the synthesized stacks (@cdktf/provider-aws 21.x). */
const AWS_VERSION = "6.25.0";

/** A filesystem mirror in terraform's unpacked layout holding a stand-in provider binary. */
function mirrorWith(version: string): string {
  const mirror = mkdtempSync(join(tmpdir(), "stm-mirror-"));
  const dir = join(mirror, "registry.terraform.io", "hashicorp", "aws", version, terraformPlatform());
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `terraform-provider-aws_v${version}_x5`), "#!/bin/sh\nexit 1\n");
  chmodSync(join(dir, `terraform-provider-aws_v${version}_x5`), 0o755);
  return mirror;
}

// Split from preflight.test.ts: the tests that run terraform (the in-process ones stay there).
describe("the mirror advice, witnessed by terraform", () => {
  tfTest("terraform init installs the pinned provider offline from the mirror that CLI config names", () => {
    const mirror = mirrorWith(AWS_VERSION);
    const config = join(mirror, "cli.tfrc");
    writeFileSync(config, mirrorCliConfig(mirror));
    const root = writeRootModule({
      "main.tf": `terraform {\n  required_providers {\n    aws = { source = "hashicorp/aws", version = "${AWS_VERSION}" }\n  }\n}\n`,
    });
    // runTerraform drops TF_CLI_CONFIG_FILE; here it is set the way the advice says.
    const init = spawnSync(requireTerraform(), ["init", "-backend=false", "-input=false", "-no-color"], {
      cwd: root,
      encoding: "utf8",
      env: { ...terraformEnv(), TF_CLI_CONFIG_FILE: config },
      timeout: 120_000,
    });
    expect(init.stderr).toBe("");
    expect(init.stdout).toContain(`Installing hashicorp/aws v${AWS_VERSION}`);
    removeRootModule(root);
    rmSync(mirror, { recursive: true, force: true });
  });
});
