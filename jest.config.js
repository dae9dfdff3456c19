/** Type-checking is `npm run build` (tsc); jest only transpiles, so tests start fast. */
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  transform: {
    "^.+\\.ts$": ["ts-jest", { diagnostics: false }],
  },
  setupFiles: ["<rootDir>/test/setup-env.ts", "<rootDir>/test/setup-catalogue.ts"],
  // On CI a missing terraform fails the run; locally terraform-backed tests are skipped and counted.
  globalSetup: "<rootDir>/test/support/terraform-global-setup.ts",
  reporters: ["default", "<rootDir>/test/support/terraform-skip-reporter.js"],
  testTimeout: 120000,
};
