import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadSettings } from "../config/load-settings";
import { writeModulesOut, type WriteModulesOutOptions } from "../packager/write-modules-out";
import { buildApp } from "../stacks/build-app";
import { loadModuleVersions } from "../publish/manifest";

/** Generates modules-out/ as `cdktf synth` would, into outDir; the cdktf working folder is temporary. */
export async function generateModules(outDir: string, projectRoot: string = process.cwd()): Promise<void> {
  const settings = loadSettings(projectRoot);
  const cdktfOut = mkdtempSync(join(tmpdir(), "stm-synth-"));
  try {
    const { app, moduleStacks } = buildApp(settings, { outdir: cdktfOut });
    app.synth();
    // `versions` feeds README versions and `moved` blocks once the packager reads it; built as a
    // variable so this compiles before and after the packager adds the option.
    const options: WriteModulesOutOptions = Object.assign(
      { moduleStacks, settings, outDir },
      { versions: loadModuleVersions(projectRoot) },
    );
    await writeModulesOut(options);
  } finally {
    rmSync(cdktfOut, { recursive: true, force: true });
  }
}
