/**
 * The tests that judge the mutated code, for `npm run mutate` (test/support/run-mutation.mjs): each
 * group's code is judged by the fast tier's suites of its own folder, chosen by MUTATE_GROUP (all
 * groups' suites when unset).
 */
const fast = require("./jest.config.js");

const MUTATION_GROUPS = require("./test/support/mutation-groups.js");

const group = process.env.MUTATE_GROUP;
const folders = group ? MUTATION_GROUPS[group].tests : Object.values(MUTATION_GROUPS).flatMap((g) => g.tests);

/** @type {import('jest').Config} */
module.exports = {
  ...fast,
  // lib/ is a root so that jest --findRelatedTests (Stryker runs each mutant with it) follows a test's
  // imports through lib/: with test/ alone it sees only the suites that import the mutated file itself.
  roots: ["<rootDir>/test", "<rootDir>/lib"],
  testMatch: folders.map((folder) =>
    folder.endsWith(".ts") ? `<rootDir>/test/${folder}` : `<rootDir>/test/${folder}/**/*.test.ts`,
  ),
  // Suites that spawn terraform or child processes judge the generated files, not the mutated code
  // in-process; they belong to the proof tier.
  testPathIgnorePatterns: [
    "/node_modules/",
    "\\.proof\\.test\\.ts$",
    "main-refuses-bad-settings",
    "environments-file",
    "settings-file-faults",
    // 50,000 environments: a scale measure, seconds per run; every config mutant would run it.
    "settings-scale",
  ],
  reporters: ["default"],
  maxWorkers: 1,
};
