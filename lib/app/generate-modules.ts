import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadSettings } from "../config/load-settings";
import { writeModulesOut } from "../packager/write-modules-out";
import type { FormatCache } from "../packager/format-hcl";
import { moduleInputOf } from "./module-input";
import { buildApp } from "./build-app";
import { loadIamCatalogue } from "../iam/catalogue";
import { loadModuleVersions } from "../config/module-versions";
import { examplePolicies } from "./example-policies";
import { runSecurityChecks } from "../checks/run-security-checks";
import { assertNoViolations } from "../checks/assert-no-violations";
import { checkedStackOf } from "../checks/checked-stack";
import { fromFileSystemError } from "../errors";

export interface GenerateOptions {
  /** cdktf's output folder. @default a temporary folder, removed afterwards */
  readonly cdktfOutdir?: string;
  /** One short line per module written. @default silent */
  readonly log?: (line: string) => void;
  /** "off" for the drift gate, so no cache entry can alter what it compares. @default "verified" */
  readonly formatCache?: FormatCache;
  /** Print every acknowledgement with its reason, not one line per rule. @default false */
  readonly verboseAcknowledgements?: boolean;
}

/**
 * Generates modules-out/ into outDir exactly as `cdktf synth` does: main.ts and `npm run diff`
 * must share this one function, or the drift check would compare two different recipes.
 */
export async function generateModules(
  outDir: string,
  projectRoot: string = process.cwd(),
  options: GenerateOptions = {},
): Promise<void> {
  const settings = loadSettings(projectRoot);
  // Policies are derived and validated while the tree is built, against the catalogue loaded here.
  await loadIamCatalogue();
  const cdktfOut = options.cdktfOutdir ?? mkdtempSync(join(tmpdir(), "stm-synth-"));
  try {
    const versions = loadModuleVersions(projectRoot);
    const built = onFileSystemError(
      () => buildApp(settings, { outdir: cdktfOut, projectRoot, versions }),
      `Could not create cdktf's output folder ${cdktfOut}`,
    );
    const { moduleStacks, deployableStacks } = built;
    // The rule pack runs before anything is written: a weakened bucket or policy fails the run.
    const checked = [...moduleStacks, ...deployableStacks].map(checkedStackOf);
    const report = await runSecurityChecks(checked, settings.acknowledgements, {
      environmentNames: [settings.examples.environmentName, ...settings.environments.map((e) => e.name)],
    });
    const log = options.log ?? (() => undefined);
    for (const line of options.verboseAcknowledgements ? report.lines : report.summary) log(line);
    assertNoViolations(report);
    synthesizeStacks(() => built.synth(), cdktfOut);
    await writeModulesOut({
      // Written from the JSON the rule pack judged (module stacks come first in `checked`).
      modules: moduleStacks.map((stack, i) => moduleInputOf(stack, versions, checked[i].terraform)),
      repositoryUrl: settings.repositoryUrl,
      outDir,
      policies: examplePolicies(settings),
      log,
      formatCache: options.formatCache,
    });
    // After the modules: what can be deployed, and what was left out and why.
    for (const line of built.notices) log(line);
  } finally {
    if (!options.cdktfOutdir) rmSync(cdktfOut, { recursive: true, force: true });
  }
}

/** cdktf writes the stacks; a full disk or a read-only checkout is one line, not a stack trace. */
function synthesizeStacks(synth: () => void, cdktfOut: string): void {
  onFileSystemError(synth, `Could not write the synthesized stacks to ${cdktfOut}`);
}

/** cdktf's App creates its output folder when built: EROFS there is one line too. */
function onFileSystemError<T>(step: () => T, what: string): T {
  try {
    return step();
  } catch (error) {
    throw fromFileSystemError(error, what);
  }
}
