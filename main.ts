import { join } from "node:path";
import { loadSettings } from "./lib/config/load-settings";
import { exitOnUserError } from "./lib/errors";
import { buildApp } from "./lib/stacks/build-app";
import { writeModulesOut } from "./lib/packager/write-modules-out";

async function main(): Promise<void> {
  const projectRoot = process.cwd();
  const settings = loadSettings(projectRoot);
  const { app, moduleStacks } = buildApp(settings);
  app.synth();
  await writeModulesOut({ moduleStacks, settings, outDir: join(projectRoot, "modules-out") });
}

main().catch(exitOnUserError);
