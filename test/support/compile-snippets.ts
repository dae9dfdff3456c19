import { spawnSync } from "node:child_process";
import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const PROJECT = join(__dirname, "..", "..");

/**
 * Type-checks CDKTF snippets (import lines, then statements for a stack constructor) with tsc, each
 * inside its own stack class, in one run: strict, and every declared output read must be a valid
 * accessor call. Returns tsc's status and output ("" when clean).
 */
export function compileInStacks(dir: string, snippets: readonly string[]): { status: number; out: string } {
  mkdirSync(dir, { recursive: true });
  symlinkSync(join(PROJECT, "node_modules"), join(dir, "node_modules"), "dir");
  const files = snippets.map((snippet, index) => {
    const lines = snippet.trim().split("\n");
    const imports = lines.filter((line) => line.startsWith("import "));
    const body = lines.filter((line) => !line.startsWith("import "));
    const locals = body.filter((line) => line.startsWith("const ")).map((line) => line.split(" ")[1]);
    const file = `consumer-${index}.ts`;
    writeFileSync(
      join(dir, file),
      [
        'import { TerraformStack } from "cdktf";',
        'import type { Construct } from "constructs";',
        ...imports,
        `export class Consumer${index} extends TerraformStack {`,
        "  constructor(scope: Construct, id: string) {",
        "    super(scope, id);",
        ...body.map((line) => `    ${line}`),
        `    void [${locals.join(", ")}];`,
        "  }",
        "}",
        "",
      ].join("\n"),
    );
    return file;
  });
  const options = [
    "--noEmit",
    "--strict",
    "--noUnusedLocals",
    "--skipLibCheck",
    "--target",
    "es2022",
    "--module",
    "commonjs",
  ];
  const result = spawnSync(join(PROJECT, "node_modules", ".bin", "tsc"), [...options, ...files], {
    cwd: dir,
    encoding: "utf8",
    timeout: 300_000,
  });
  return { status: result.status ?? -1, out: `${result.stdout ?? ""}${result.stderr ?? ""}` };
}
