import { gitSource } from "../naming/module-source";
import type { ModuleInterface } from "../diff/module-interface";

const blockName = (moduleName: string): string => moduleName.replace(/-/g, "_");
const camel = (moduleName: string): string =>
  moduleName.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** What a consumer copies: an HCL `module` block and its CDKTF `TerraformHclModule` twin. */
export function consumerSnippets(
  repositoryUrl: string,
  moduleName: string,
  tag: string,
  iface: ModuleInterface,
): string {
  const source = gitSource(repositoryUrl, moduleName, tag);
  const required = [...iface.variables].filter(([, spec]) => spec.required).map(([name]) => name);
  const width = Math.max("source".length, ...required.map((name) => name.length));
  const hclInputs = required.map((name) => `  ${name.padEnd(width)} = "<${name}>" # required`);
  const tsInputs = required.map((name) => `    ${name}: "<${name}>",`);
  return [
    "# Terraform (HCL)",
    `module "${blockName(moduleName)}" {`,
    `  ${"source".padEnd(width)} = "${source}"`,
    ...hclInputs,
    "}",
    "",
    "// CDKTF (TypeScript)",
    'import { TerraformHclModule } from "cdktf";',
    `const ${camel(moduleName)} = new TerraformHclModule(this, "${blockName(moduleName)}", {`,
    `  source: "${source}",`,
    "  variables: {",
    ...tsInputs,
    "  },",
    "});",
    `// outputs: ${camel(moduleName)}.getString("<output_name>")`,
  ].join("\n");
}
