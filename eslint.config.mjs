// @ts-check
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import libLayers from "./eslint-rules/lib-layers.mjs";

const providerBarrel =
  "Import provider classes by deep path (@cdktf/provider-aws/lib/<resource>): the barrel costs ~2 s and ~500 MB per run.";

export default tseslint.config(
  {
    ignores: [
      ".stryker-tmp/**",
      "reports/**",
      "node_modules/**",
      "cdktf.out/**",
      "modules-out/**",
      "coverage/**",
      "**/*.d.ts",
      "**/*.js",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    files: ["**/*.ts"],
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
      "no-restricted-imports": [
        "error",
        {
          paths: [
            { name: "@cdktf/provider-aws", message: providerBarrel },
            { name: "@cdktf/provider-aws/lib", message: providerBarrel },
            { name: "@cdktf/provider-aws/lib/index", message: providerBarrel },
          ],
        },
      ],
    },
  },
  {
    // lib/ is layered: each folder imports only from the folders below it (eslint-rules/lib-layers.mjs).
    files: ["lib/**/*.ts"],
    plugins: { "lib-layers": libLayers },
    rules: { "lib-layers/one-way": "error" },
  },
  {
    // iam-simulate is AGPL: a devDependency for tests and verification only, never shipped code.
    files: ["main.ts", "lib/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [
            { name: "@cdktf/provider-aws", message: providerBarrel },
            { name: "@cdktf/provider-aws/lib", message: providerBarrel },
            { name: "@cdktf/provider-aws/lib/index", message: providerBarrel },
            {
              name: "@cloud-copilot/iam-simulate",
              message: "iam-simulate is AGPL and a devDependency: use it in test/ only.",
            },
          ],
        },
      ],
    },
  },
);
