import { spawnSync } from "node:child_process";
import { EXAMPLES, EXAMPLES_DIR } from "../examples/example-config";
import { ExampleCopy } from "../examples/example-run";
import { awsDescribe, providerCliConfig } from "../support/local-aws";
import { requireTerraform, terraformEnv } from "../support/terraform";

/**
 * Every example initializes with the real provider from the mirror (hashicorp/aws 5.100.0, which
 * `>= 5.100` admits) and validates; all of them are `terraform fmt` clean. The apply proofs are
 * examples-<name>.proof.test.ts.
 */
awsDescribe("examples", () => {
  test.each(EXAMPLES)("%s: terraform init (mirror) and validate", async (example) => {
    const copy = new ExampleCopy(
      example,
      { ...terraformEnv(), TF_CLI_CONFIG_FILE: providerCliConfig() },
      requireTerraform(),
    );
    try {
      await copy.step("init", ["init", "-input=false"]);
      const validate = await copy.step("validate", ["validate"]);
      expect(validate.output).toContain("Success! The configuration is valid.");
    } finally {
      copy.remove();
    }
  });

  test("terraform fmt -check finds nothing to change", () => {
    const fmt = spawnSync(requireTerraform(), ["fmt", "-check", "-recursive", "-no-color", EXAMPLES_DIR], {
      env: terraformEnv(),
      encoding: "utf8",
    });
    expect({ status: fmt.status, files: fmt.stdout.trim() }).toEqual({ status: 0, files: "" });
  });
});
