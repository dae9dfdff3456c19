/**
 * The tests that judge the mutated folders (lib/checks, lib/policy, lib/permissions, lib/config,
 * lib/publish/bump.ts), for `npm run mutate`: the fast tier's suites of those folders only.
 */
const fast = require("./jest.config.js");

/** @type {import('jest').Config} */
module.exports = {
  ...fast,
  roots: ["<rootDir>/test"],
  testMatch: [
    "<rootDir>/test/checks/**/*.test.ts",
    "<rootDir>/test/policy/**/*.test.ts",
    "<rootDir>/test/permissions/**/*.test.ts",
    "<rootDir>/test/simulation/**/*.test.ts",
    "<rootDir>/test/config/**/*.test.ts",
    "<rootDir>/test/publish/bump-rules.test.ts",
  ],
  // Suites that spawn terraform or child processes judge the generated files, not the mutated code
  // in-process; they belong to the proof tier.
  testPathIgnorePatterns: [
    "/node_modules/",
    "\\.proof\\.test\\.ts$",
    "state-access-terraform",
    "main-refuses-bad-settings",
    "environments-file",
    "settings-file-faults",
  ],
  reporters: ["default"],
  maxWorkers: 1,
};
