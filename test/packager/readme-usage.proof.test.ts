import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { awsDescribe, providerCliConfig } from "../support/local-aws";
import { spawnSync } from "node:child_process";
import { removeRootModule, requireTerraform, terraformEnv, writeRootModule } from "../support/terraform";

/** terraform with the mirror-only CLI configuration (the real provider, no registry). */
function run(dir: string, args: readonly string[]) {
  const env = { ...terraformEnv(), TF_CLI_CONFIG_FILE: providerCliConfig() };
  const result = spawnSync(requireTerraform(), [`-chdir=${dir}`, ...args], {
    env,
    encoding: "utf8",
    timeout: 300_000,
  });
  return { status: result.status, stdout: result.stdout ?? "", stderr: result.stderr ?? "" };
}

const MODULES_OUT = join(__dirname, "..", "..", "modules-out");
const MODULES = readdirSync(join(MODULES_OUT, "hcl")).sort();

/** The README's usage block as printed, with only its git source pointed at the generated folder. */
function usageBlock(flavour: string, module: string): string {
  const readme = readFileSync(join(MODULES_OUT, flavour, module, "README.md"), "utf8");
  const start = readme.indexOf("## Usage\n\n```hcl\n") + "## Usage\n\n```hcl\n".length;
  const block = readme.slice(start, readme.indexOf("\n```", start));
  const local = block.replace(
    /source = "git::[^"]+"/,
    `source = ${JSON.stringify(join(MODULES_OUT, flavour, module))}`,
  );
  expect(local).not.toBe(block);
  return local;
}

/**
 * Issue 23: usage blocks listed required inputs as comments and did not run as pasted. Each block, as
 * printed, is a root module that `terraform validate` accepts, with the real hashicorp/aws provider
 * from the filesystem mirror for the modules that use it.
 */
awsDescribe("README usage blocks pass terraform validate as printed", () => {
  describe.each(["hcl", "json"])("%s", (flavour) => {
    test.each(MODULES)("%s", (module) => {
      const root = writeRootModule({ "main.tf": `${usageBlock(flavour, module)}\n` });
      try {
        const init = run(root, ["init", "-input=false", "-no-color"]);
        expect({ step: "init", status: init.status, out: init.stderr }).toEqual({
          step: "init",
          status: 0,
          out: "",
        });
        const validate = run(root, ["validate", "-no-color"]);
        expect({ status: validate.status, out: validate.stdout + validate.stderr }).toEqual({
          status: 0,
          out: "Success! The configuration is valid.\n\n",
        });
      } finally {
        removeRootModule(root);
      }
    });
  });
});
