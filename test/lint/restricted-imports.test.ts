import { spawnSync } from "node:child_process";
import { join } from "node:path";

const LINT_TEXTS = join(__dirname, "..", "support", "lint-texts.js");

/** What each case lints: code as if it lived at a path of the project. */
const CASES = {
  barrel: [
    [
      'import { s3Bucket } from "@cdktf/provider-aws";',
      'import { runSimulation } from "@cloud-copilot/iam-simulate";',
      "export const x: any = [s3Bucket, runSimulation];",
      "",
    ].join("\n"),
    "lib/x.ts",
  ],
  deep: [
    'import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";\nexport const x = S3Bucket;\n',
    "lib/x.ts",
  ],
  simulatorInTests: [
    'import { runSimulation } from "@cloud-copilot/iam-simulate";\nexport const x = runSimulation;\n',
    "test/x.ts",
  ],
  upward: ['import { buildApp } from "../app/build-app";\nexport const x = buildApp;\n', "lib/naming/x.ts"],
  nested: [
    'import { SECURITY_RULES } from "../../checks/all-rules";\nexport const x = SECURITY_RULES;\n',
    "lib/config/sub/x.ts",
  ],
  downward: [
    'import { moduleTag } from "../naming/module-source";\nexport const x = moduleTag;\n',
    "lib/publish/x.ts",
  ],
} as const satisfies Record<string, readonly [string, string]>;

/**
 * Every case's stylish report ("" when clean), from ESLint's Node API with the project's real config
 * (eslint.config.mjs), all cases in one child process (test/support/lint-texts.js says why a child).
 */
function lintAll(): Record<keyof typeof CASES, string> {
  const names = Object.keys(CASES) as (keyof typeof CASES)[];
  const input = JSON.stringify(names.map((name) => ({ code: CASES[name][0], filePath: CASES[name][1] })));
  const run = spawnSync(process.execPath, [LINT_TEXTS], { input, encoding: "utf8" });
  if (run.status !== 0) throw new Error(`lint-texts.js failed: ${run.stderr}`);
  const reports = JSON.parse(run.stdout) as string[];
  return Object.fromEntries(names.map((name, i) => [name, reports[i]])) as Record<keyof typeof CASES, string>;
}

describe("lint rules that protect the build", () => {
  let report: Record<keyof typeof CASES, string>;
  beforeAll(() => {
    report = lintAll();
  });

  it("fails on the provider barrel import, the AGPL simulator in shipped code, and `any`", () => {
    expect(report.barrel).toMatch(/restricted.*deep path.*no-restricted-imports/);
    expect(report.barrel).toMatch(/iam-simulate.*AGPL.*no-restricted-imports/);
    expect(report.barrel).toMatch(/no-explicit-any/);
  });

  it("accepts a deep import of one provider class in shipped code", () => {
    expect(report.deep).toBe("");
  });

  it("allows the simulator in tests", () => {
    expect(report.simulatorInTests).toBe("");
  });

  it("refuses an import that runs up the lib/ layers, and accepts one that runs down", () => {
    expect(report.upward).toMatch(
      /lib\/naming may not import lib\/app: layers run one way .*lib-layers\/one-way/,
    );
    expect(report.nested).toMatch(/lib\/config may not import lib\/checks/);
    expect(report.downward).toBe("");
  });
});
