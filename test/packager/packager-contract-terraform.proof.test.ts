import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadSettings } from "../../lib/config/load-settings";
import { moduleInputOf } from "../../lib/app/module-input";
import { writeModulesOut } from "../../lib/packager/write-modules-out";
import type { ModuleStack } from "../../lib/stacks/module-stack";
import { buildApp } from "../../lib/app/build-app";
import { requireTerraform, runTerraform, tfTest } from "../support/terraform";
import { buildFixtureModules } from "./fixture-modules";

const projectRoot = join(__dirname, "../..");

// Split from packager-contract.test.ts: the test that runs terraform (the in-process ones stay there).
describe("packager contract", () => {
  const settings = loadSettings(projectRoot);
  let work: string;
  let stacks: ModuleStack[];

  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), "stm-packager-"));
    const real = buildApp(settings, { outdir: join(work, "real.out") });
    real.synth();
    stacks = [...buildFixtureModules(join(work, "fixture.out")).stacks, ...real.moduleStacks];
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  tfTest("is clean under terraform fmt -check, and a provider-free module validates offline", async () => {
    const terraform = requireTerraform();
    const out = join(work, "fmt", "modules-out");
    await writeModulesOut({
      modules: stacks.map((stack) => moduleInputOf(stack)),
      repositoryUrl: settings.repositoryUrl,
      outDir: out,
      log: () => undefined,
    });
    const ok = (dir: string, args: string[]) => {
      const result = runTerraform(terraform, dir, args);
      return {
        args: args.join(" "),
        status: result.status,
        output: result.status ? result.stdout + result.stderr : "",
      };
    };
    const expectOk = (dir: string, args: string[]) =>
      expect(ok(dir, args)).toEqual({ args: args.join(" "), status: 0, output: "" });
    expectOk(join(out, "hcl"), ["fmt", "-check", "-recursive", "-no-color"]);
    for (const flavour of ["hcl", "json"]) {
      const dir = join(out, flavour, "fixture-policy");
      expectOk(dir, ["init", "-backend=false", "-input=false", "-no-color"]);
      expectOk(dir, ["validate", "-no-color"]);
    }
  });
});
