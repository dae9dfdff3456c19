import { loadSettings } from "../config/load-settings";
import { generateModules } from "../app/generate-modules";
import { parsePublishArgs } from "../publish/publish-args";
import { publishModule } from "../publish/publish-module";

export { usage } from "../publish/publish-args";

export async function run(args: string[]): Promise<number> {
  const { moduleName, bump, dryRun, resume } = parsePublishArgs(args);
  const projectRoot = process.cwd();
  const settings = loadSettings(projectRoot);
  await publishModule({
    projectRoot,
    moduleName,
    bump,
    dryRun,
    resume,
    repositoryUrl: settings.repositoryUrl,
    regenerate: (outDir) => generateModules(outDir, projectRoot),
    log: (line) => process.stdout.write(`${line}\n`),
  });
  return 0;
}
