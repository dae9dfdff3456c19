// Run by atomic-write.proof.test.ts in a child process so the test can SIGKILL a real packager run.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadSettings } from "../../lib/config/load-settings";
import { moduleInputOf } from "../../lib/app/module-input";
import { writeModulesOut } from "../../lib/packager/write-modules-out";
import { bigPolicies, buildFixtureModules } from "./fixture-modules";

const [outDir, policyCount] = process.argv.slice(2);
const { stacks } = buildFixtureModules(mkdtempSync(join(tmpdir(), "stm-child-")));
writeModulesOut({
  modules: stacks.map((stack) => moduleInputOf(stack)),
  repositoryUrl: loadSettings(join(__dirname, "../..")).repositoryUrl,
  outDir,
  policies: bigPolicies(Number(policyCount)),
  log: (line) => process.stdout.write(`${line}\n`),
  // A lock left by a killed sibling is taken over after 2 s (the minimum) instead of 10 s.
  atomic: { lockStaleMs: 2000 },
}).catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
