import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { awsDescribe, providerCliConfig } from "../support/local-aws";
import { requireTerraform, terraformEnv } from "../support/terraform";

/**
 * The provider modules' `terraform test` files run for real: `mock_provider "aws"` needs the
 * provider's schema, so they run with hashicorp/aws 5.100 from the mirror (no account, no network),
 * in both flavours. A mock default that names an attribute 5.100 lacks (`aws_region.region`, a 6.x
 * attribute) fails here, as does a module that reads one.
 */
const MODULES_OUT = join(__dirname, "..", "..", "modules-out");
const PROVIDER_MODULES = ["state-backend", "min-provisioner"] as const;
const FLAVOURS = ["hcl", "json"] as const;

function copyOf(flavour: string, module: string): string {
  const dir = join(mkdtempSync(join(tmpdir(), "stm-tftest-aws-")), module);
  cpSync(join(MODULES_OUT, flavour, module), dir, { recursive: true });
  return dir;
}

function terraformTest(dir: string): { status: number; output: string } {
  const env = { ...terraformEnv(), TF_CLI_CONFIG_FILE: providerCliConfig() };
  const run = (args: string[]) => {
    const result = spawnSync(requireTerraform(), [`-chdir=${dir}`, ...args, "-no-color"], {
      env,
      encoding: "utf8",
      timeout: 300_000,
    });
    return { status: result.status ?? -1, output: `${result.stdout}${result.stderr}` };
  };
  const init = run(["init", "-input=false"]);
  return init.status === 0 ? run(["test"]) : init;
}

function expectPasses(dir: string): void {
  const result = terraformTest(dir);
  expect(result.output).toMatch(/Success! \d+ passed, 0 failed\./);
  expect(result.status).toBe(0);
}

awsDescribe("provider modules' terraform test files against hashicorp/aws 5.100", () => {
  const cases = PROVIDER_MODULES.flatMap((module) => FLAVOURS.map((flavour) => [flavour, module] as const));

  test.each(cases)("%s/%s passes `terraform init && terraform test` with the mirrored provider", (f, m) => {
    const dir = copyOf(f, m);
    try {
      expectPasses(dir);
    } finally {
      rmSync(join(dir, ".."), { recursive: true, force: true });
    }
  });

  test("fails when the module reads an attribute hashicorp/aws 5.100 does not have", () => {
    const dir = copyOf("hcl", "state-backend");
    try {
      const main = join(dir, "main.tf");
      const sixOnly = readFileSync(main, "utf8").replaceAll(
        "data.aws_region.current.id",
        "data.aws_region.current.region",
      );
      expect(sixOnly).not.toEqual(readFileSync(main, "utf8"));
      writeFileSync(main, sixOnly);
      const result = terraformTest(dir);
      expect(result.status).not.toBe(0);
      expect(result.output).toContain("Unsupported attribute");
    } finally {
      rmSync(join(dir, ".."), { recursive: true, force: true });
    }
  });
});
