/**
 * The fast tier (`npm test`): every rule, policy table and simulation that runs in-process.
 * The heavy proofs (real terraform, the real provider against the local AWS, CLI children, fault
 * injection, publish in a scratch repository) are `*.proof.test.ts`, run by `npm run test:proofs`
 * (jest.proofs.config.js). Type-checking is `npm run build` (tsc, run beside the lint by `npm test`);
 * jest only strips types, with esbuild (test/support/esbuild-transform.js): about half the time of
 * ts-jest, which loaded the TypeScript compiler in every worker.
 */
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  testPathIgnorePatterns: ["/node_modules/", "\\.proof\\.test\\.ts$"],
  transform: {
    "^.+\\.ts$": "<rootDir>/test/support/esbuild-transform.js",
  },
  setupFiles: ["<rootDir>/test/setup-env.ts", "<rootDir>/test/setup-catalogue.ts"],
  // On CI a missing terraform fails the run; locally terraform-backed tests are skipped and counted.
  globalSetup: "<rootDir>/test/support/terraform-global-setup.ts",
  reporters: ["default", "<rootDir>/test/support/terraform-skip-reporter.js"],
  maxWorkers: 2,
  testTimeout: 120000,
};
