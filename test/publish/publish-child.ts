// Run by publish-interrupted.proof.test.ts: one publish (or --finish/--undo) in its own process, which
// can be killed at a chosen step as `kill -9` would.
// argv: <repo> <generated modules-out> <module> <action: publish|finish|undo> <fault>
// faults: none | kill-after-writes (when modules-out is regenerated, after the manifest and changelog)
//         | kill-between-renames (modules-out moved aside) | slow-write-phase (4 s before modules-out); git kills are set up by the test (PATH).
import fs from "node:fs";
import { join } from "node:path";
import { syncBuiltinESMExports } from "node:module";
import { exitOnUserError } from "../../lib/errors";
import { writeTreeAtomically } from "../../lib/packager/atomic-tree";
import { readTree } from "../../lib/diff/read-tree";
import { loadSettings } from "../../lib/config/load-settings";
import { moduleExamples } from "../../lib/app/module-examples";
import { publishModule } from "../../lib/publish/publish-module";

const [repo, generated, moduleName, action, fault = "none"] = process.argv.slice(2);

if (fault === "kill-between-renames") {
  const realRename = fs.renameSync;
  fs.renameSync = (from, to) => {
    // Only the release's swap (the repository's modules-out moved aside), not the check's scratch tree.
    if (String(from).includes(".tmp-") && String(to) === join(repo, "modules-out"))
      process.kill(process.pid, "SIGKILL");
    realRename(from, to);
  };
  syncBuiltinESMExports();
}

publishModule({
  projectRoot: repo,
  moduleName,
  dryRun: false,
  resume: action === "publish" ? undefined : (action as "finish" | "undo"),
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
  log: (line) => process.stdout.write(`${line}\n`),
}).then(() => process.exit(0), exitOnUserError);
