/**
 * `npm run mutate` (test/support/run-mutation.mjs): the code that is mutated, by group, and the
 * fast-tier suites (folders or files under test/) that must kill its mutants.
 */
module.exports = {
  checks: { mutate: ["lib/checks/**/*.ts"], tests: ["checks"] },
  policy: { mutate: ["lib/policy/**/*.ts"], tests: ["policy", "simulation"] },
  permissions: { mutate: ["lib/permissions/**/*.ts"], tests: ["permissions"] },
  config: { mutate: ["lib/config/**/*.ts"], tests: ["config"] },
  bump: { mutate: ["lib/publish/bump.ts"], tests: ["publish/bump-rules.test.ts"] },
};
