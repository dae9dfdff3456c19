import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";

const root = join(__dirname, "../..");
const eslintBin = join(root, "node_modules", ".bin", "eslint");

/** Lints code as if it lived at filePath, with the project's real config (ESLint's own CLI). */
async function lint(code: string, filePath: string): Promise<string> {
  const run = promisify(execFile)(
    eslintBin,
    ["--stdin", "--stdin-filename", filePath, "--format", "stylish"],
    {
      cwd: root,
    },
  );
  run.child.stdin?.end(code);
  try {
    await run;
    return "";
  } catch (error) {
    return String((error as { stdout?: string }).stdout ?? error);
  }
}

describe("lint rules that protect the build", () => {
  it("fails on the provider barrel import, the AGPL simulator in shipped code, and `any`", async () => {
    const output = await lint(
      [
        'import { s3Bucket } from "@cdktf/provider-aws";',
        'import { runSimulation } from "@cloud-copilot/iam-simulate";',
        "export const x: any = [s3Bucket, runSimulation];",
        "",
      ].join("\n"),
      "lib/x.ts",
    );
    expect(output).toMatch(/restricted.*deep path.*no-restricted-imports/);
    expect(output).toMatch(/iam-simulate.*AGPL.*no-restricted-imports/);
    expect(output).toMatch(/no-explicit-any/);
  });

  it("accepts a deep import of one provider class in shipped code", async () => {
    const code =
      'import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";\nexport const x = S3Bucket;\n';
    expect(await lint(code, "lib/x.ts")).toBe("");
  });

  it("allows the simulator in tests", async () => {
    const code =
      'import { runSimulation } from "@cloud-copilot/iam-simulate";\nexport const x = runSimulation;\n';
    expect(await lint(code, "test/x.ts")).toBe("");
  });

  it("refuses an import that runs up the lib/ layers, and accepts one that runs down", async () => {
    const upward = 'import { buildApp } from "../app/build-app";\nexport const x = buildApp;\n';
    expect(await lint(upward, "lib/naming/x.ts")).toMatch(
      /lib\/naming may not import lib\/app: layers run one way .*lib-layers\/one-way/,
    );
    const nested =
      'import { SECURITY_RULES } from "../../checks/all-rules";\nexport const x = SECURITY_RULES;\n';
    expect(await lint(nested, "lib/config/sub/x.ts")).toMatch(/lib\/config may not import lib\/checks/);
    const downward = 'import { moduleTag } from "../naming/module-source";\nexport const x = moduleTag;\n';
    expect(await lint(downward, "lib/publish/x.ts")).toBe("");
  });
});
