import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { requireTerraform, runTerraform, tfTest } from "../support/terraform";

/**
 * The `terraform test` files every generated module ships: the offline ones (provider-free modules)
 * pass with the real terraform binary in both flavours, they fail when the module is widened, and
 * every test file is canonical HCL (`terraform fmt`), including those that need the aws provider.
 */
const MODULES_OUT = join(__dirname, "..", "..", "modules-out");
const OFFLINE = ["state-access-policy", "deploy-policies"] as const;

/** A copy of a committed module folder: `terraform init` must not write into modules-out/. */
function copyOf(flavour: string, module: string): string {
  const dir = join(mkdtempSync(join(tmpdir(), "stm-tftest-")), module);
  cpSync(join(MODULES_OUT, flavour, module), dir, { recursive: true });
  return dir;
}

function terraformTest(dir: string): { status: number; output: string } {
  const terraform = requireTerraform();
  const init = runTerraform(terraform, dir, ["init", "-input=false", "-no-color"]);
  if (init.status !== 0) return { status: init.status, output: init.stdout + init.stderr };
  const run = runTerraform(terraform, dir, ["test", "-no-color"]);
  return { status: run.status, output: run.stdout + run.stderr };
}

describe("terraform test files shipped in the modules", () => {
  tfTest.each(OFFLINE.flatMap((module) => [["hcl", module] as const, ["json", module] as const]))(
    "%s/%s passes `terraform init && terraform test` offline",
    (flavour, module) => {
      const dir = copyOf(flavour, module);
      try {
        const result = terraformTest(dir);
        expect(result.output).toMatch(/Success! \d+ passed, 0 failed\./);
        expect(result.status).toBe(0);
      } finally {
        rmSync(join(dir, ".."), { recursive: true, force: true });
      }
    },
  );

  tfTest("fails when the module lets state objects be deleted", () => {
    const dir = copyOf("hcl", "state-access-policy");
    try {
      const outputs = join(dir, "outputs.tf");
      const widened = readFileSync(outputs, "utf8").replaceAll('*.tflock"', '*"');
      expect(widened).not.toEqual(readFileSync(outputs, "utf8"));
      writeFileSync(outputs, widened);
      const result = terraformTest(dir);
      expect(result.status).not.toBe(0);
      expect(result.output).toContain("Only lock files may be deleted, never state.");
    } finally {
      rmSync(join(dir, ".."), { recursive: true, force: true });
    }
  });

  tfTest("every module ships tests, all canonical under terraform fmt", () => {
    for (const flavour of ["hcl", "json"])
      for (const module of ["state-backend", "state-access-policy", "deploy-policies", "min-provisioner"]) {
        const tests = join(MODULES_OUT, flavour, module, "tests");
        const result = runTerraform(requireTerraform(), tests, ["fmt", "-check", "-no-color", "."]);
        expect({ tests, status: result.status, output: result.stdout + result.stderr }).toEqual({
          tests,
          status: 0,
          output: "",
        });
      }
  });
});
