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
  testTimeout: 120000,
};
