import { join } from "node:path";
import { moduleExamples } from "../../lib/app/module-examples";
import { loadSettings } from "../../lib/config/load-settings";
import { readTree } from "../../lib/diff/read-tree";
import { writeTreeAtomically } from "../../lib/packager/atomic-tree";
import type { PublishOptions } from "../../lib/publish/publish-module";

/**
 * The publish of publish-interrupted.proof.test.ts, one recipe for both ways it runs: in a child
 * process that a fault can kill (publish-child.ts) and in the test's own process (every run that
 * nobody kills), so both runs are the same publish.
 */
export type Action = "publish" | "finish" | "undo";

/**
 * faults: none | kill-after-writes (when modules-out is regenerated, after the manifest and
 * changelog) | slow-write-phase (4 s before modules-out); kill-between-renames and the git kills are
 * set up around the run (publish-child.ts, the test's PATH).
 */
export function interruptedPublishOptions(
  repo: string,
  generated: string,
  moduleName: string,
  action: Action,
  fault: string,
  log: (line: string) => void,
): PublishOptions {
  return {
    projectRoot: repo,
    moduleName,
    dryRun: false,
    resume: action === "publish" ? undefined : action,
    repositoryUrl: `file://${repo}`,
    regenerate: async (outDir) => {
      const release = outDir === join(repo, "modules-out");
      if (release && fault === "kill-after-writes") process.kill(process.pid, "SIGKILL");
      // As the real manifest write changes each README's version: the release's tree differs.
      const tree = new Map(readTree(generated));
      if (release) tree.set(`hcl/${moduleName}/RELEASED`, "yes\n");
      if (release && fault === "slow-write-phase") await new Promise((resolve) => setTimeout(resolve, 4000));
      await writeTreeAtomically(outDir, tree, { lockStaleMs: 2000 });
    },
    examples: moduleExamples(loadSettings(repo)),
    date: "2025-01-02",
    log,
  };
}
