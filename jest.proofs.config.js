/**
 * The proof tier (`npm run test:proofs`): witnesses we did not write. Real terraform, the real
 * hashicorp/aws provider against the local AWS (moto), cdktf CLI children, fault injection and
 * publish in a scratch repository. CI runs it after `npm test`; on CI a missing tool fails the run
 * with one line (test/support/proofs-global-setup.ts).
 */
const fast = require("./jest.config.js");

/** @type {import('jest').Config} */
module.exports = {
  ...fast,
  testMatch: ["**/*.proof.test.ts"],
  testPathIgnorePatterns: ["/node_modules/"],
  globalSetup: "<rootDir>/test/support/proofs-global-setup.ts",
  globalTeardown: "<rootDir>/test/support/proofs-global-teardown.ts",
  testSequencer: "<rootDir>/test/support/proofs-sequencer.js",
  testTimeout: 600000,
  // Three workers on two cores: the apply and deploy proofs spend minutes waiting on the provider's
  // polls (RDS's 30 s delays), when both cores would otherwise sit idle. Measured on an idle 2-core
  // machine: 382 s with 2 workers, 323 s with 3 (same CPU time).
  maxWorkers: 3,
};
