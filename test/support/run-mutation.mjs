/**
 * `npm run mutate`: StrykerJS over the security-critical code, one group at a time, each judged by
 * the fast-tier suites of its own folder (jest.mutate.config.js reads MUTATE_GROUP). One Stryker run
 * over all folders loads every related suite for every mutant: hours on 2 cores; by group it is
 * minutes. Prints each group's score and the total; exits 1 when the total is under the target.
 *
 * Fresh by default: Stryker's incremental mode kept "Survived" for mutants of module-level tables
 * (lib/checks/policy-sources.ts POLICY_ATTRIBUTES) after a test that kills them was added; a fresh
 * run reported them killed. `--incremental` (reports/mutation/<group>.incremental.json) is for
 * iterating on tests, never for the recorded score.
 *
 * Usage: npm run mutate [-- [--incremental] group ...]   (groups: test/support/mutation-groups.js)
 */
import console from "node:console";
import process from "node:process";
import { createRequire } from "node:module";
import { writeFileSync, mkdirSync } from "node:fs";
import { Stryker } from "@stryker-mutator/core";

const require = createRequire(import.meta.url);
const MUTATION_GROUPS = require("./mutation-groups.js");
const TARGET = 90;
const DETECTED = new Set(["Killed", "Timeout"]);
const UNDETECTED = new Set(["Survived", "NoCoverage"]);

const incremental = process.argv.includes("--incremental");
const asked = process.argv.slice(2).filter((arg) => arg !== "--incremental");
const unknown = asked.filter((group) => !(group in MUTATION_GROUPS));
if (unknown.length) {
  console.error(
    `run-mutation: unknown group ${unknown.join(", ")}; choose from ${Object.keys(MUTATION_GROUPS).join(", ")}`,
  );
  process.exit(2);
}
const groups = asked.length ? asked : Object.keys(MUTATION_GROUPS);

const rows = [];
for (const group of groups) {
  process.env.MUTATE_GROUP = group;
  console.log(`run-mutation: ${group} (${MUTATION_GROUPS[group].mutate.join(", ")})`);
  const results = await new Stryker({
    mutate: MUTATION_GROUPS[group].mutate,
    incremental,
    incrementalFile: `reports/mutation/${group}.incremental.json`,
    jsonReporter: { fileName: `reports/mutation/${group}.json` },
  }).runMutationTest();
  const count = (statuses) => results.filter((result) => statuses.has(result.status)).length;
  rows.push({ group, detected: count(DETECTED), undetected: count(UNDETECTED) });
}

const score = ({ detected, undetected }) =>
  detected + undetected ? (100 * detected) / (detected + undetected) : 100;
const total = rows.reduce(
  (sum, row) => ({ detected: sum.detected + row.detected, undetected: sum.undetected + row.undetected }),
  {
    detected: 0,
    undetected: 0,
  },
);
const table = [
  "| group | killed | survived or not covered | score |",
  "| --- | --- | --- | --- |",
  ...[...rows, { group: "total", ...total }].map(
    (row) => `| ${row.group} | ${row.detected} | ${row.undetected} | ${score(row).toFixed(2)} % |`,
  ),
].join("\n");
mkdirSync("reports/mutation", { recursive: true });
writeFileSync("reports/mutation/summary.md", `${table}\n`);
console.log(`\n${table}\n\nrun-mutation: total ${score(total).toFixed(2)} % (target ${TARGET} %)`);
process.exit(score(total) >= TARGET ? 0 : 1);
