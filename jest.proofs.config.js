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
};
