"use strict";
// Lints several texts with ESLint's Node API and the project's real config (eslint.config.mjs) in one
// process: stdin is JSON [{ code, filePath }], stdout JSON [stylish report or ""]. Jest cannot load
// the ESM config in its own module system (dynamic import), so tests start this once per file
// instead of the ESLint CLI once per case.
const { ESLint } = require("eslint");
const { join } = require("node:path");

async function main() {
  const root = join(__dirname, "..", "..");
  const cases = JSON.parse(require("node:fs").readFileSync(0, "utf8"));
  const eslint = new ESLint({ cwd: root });
  const formatter = await eslint.loadFormatter("stylish");
  const reports = [];
  for (const { code, filePath } of cases) {
    const results = await eslint.lintText(code, { filePath: join(root, filePath) });
    const clean = results.every((result) => result.messages.length === 0);
    const rulesMeta = eslint.getRulesMetaForResults(results);
    reports.push(clean ? "" : await formatter.format(results, { cwd: root, rulesMeta }));
  }
  process.stdout.write(JSON.stringify(reports));
}

main().catch((error) => {
  process.stderr.write(`${error && error.stack ? error.stack : error}\n`);
  process.exit(1);
});
