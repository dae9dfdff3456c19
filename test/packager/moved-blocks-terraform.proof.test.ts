import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { moduleInputOf } from "../../lib/app/module-input";
import { loadSettings } from "../../lib/config/load-settings";
import { renderModulesOut } from "../../lib/packager/write-modules-out";
import {
  removeRootModule,
  requireTerraform,
  runTerraform,
  tfTest,
  writeRootModule,
} from "../support/terraform";
import { buildFixtureModules } from "./fixture-modules";

const projectRoot = join(__dirname, "../..");
const settings = loadSettings(projectRoot);

// Split from moved-blocks.test.ts: the test that runs terraform (the in-process ones stay there).
describe("moved blocks are built from parsed addresses", () => {
  const work = mkdtempSync(join(tmpdir(), "stm-moved-"));
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  const { stacks } = buildFixtureModules(join(work, "cdktf.out"));
  const policyStack = stacks.find((stack) => stack.moduleName === "fixture-policy");
  if (!policyStack) throw new Error("fixture-policy is missing");

  const render = (moved: { from: string; to: string }[]) =>
    renderModulesOut({
      modules: [{ ...moduleInputOf(policyStack), moved }],
      repositoryUrl: settings.repositoryUrl,
      outDir: join(work, "unused"),
    });

  const moved = [
    { from: "terraform_data.old", to: "terraform_data.renamed" },
    { from: 'module.inner["a"].terraform_data.x[0]', to: 'terraform_data.y["k.1"]' },
  ];

  tfTest("terraform validates both variants with their moved blocks", async () => {
    const terraform = requireTerraform();
    const files = await render(moved);
    for (const flavour of ["hcl", "json"]) {
      const prefix = `${flavour}/fixture-policy/`;
      const dir = writeRootModule(
        Object.fromEntries(
          [...files]
            .filter(([path]) => path.startsWith(prefix) && !path.endsWith(".md"))
            .map(([path, text]) => [path.slice(prefix.length), text]),
        ),
      );
      try {
        expect(
          runTerraform(terraform, dir, ["init", "-backend=false", "-input=false", "-no-color"]).status,
        ).toBe(0);
        const result = runTerraform(terraform, dir, ["validate", "-no-color"]);
        expect(result.stdout + result.stderr).toContain("The configuration is valid");
      } finally {
        removeRootModule(dir);
      }
    }
  });
});
