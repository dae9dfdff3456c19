// Run by publish-interrupted.proof.test.ts: one publish (or --finish/--undo) in its own process, which
// can be killed at a chosen step as `kill -9` would.
// argv: <repo> <generated modules-out> <module> <action: publish|finish|undo> <fault>
// faults: see interrupted-publish.ts, plus kill-between-renames (modules-out moved aside); git kills
// are set up by the test (PATH).
import fs from "node:fs";
import { join } from "node:path";
import { syncBuiltinESMExports } from "node:module";
import { exitOnUserError } from "../../lib/errors";
import { publishModule } from "../../lib/publish/publish-module";
import { interruptedPublishOptions, type Action } from "./interrupted-publish";

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

publishModule(
  interruptedPublishOptions(repo, generated, moduleName, action as Action, fault, (line) =>
    process.stdout.write(`${line}\n`),
  ),
).then(() => process.exit(0), exitOnUserError);
