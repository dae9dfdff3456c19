import { gitSource } from "../naming/module-source";
import type { ModuleInterface } from "../diff/module-interface";

const blockName = (moduleName: string): string => moduleName.replace(/-/g, "_");
const camel = (name: string): string => name.replace(/[-_]([a-z0-9])/g, (_, c: string) => c.toUpperCase());

export interface SnippetValues {
  /** Example values of inputs, by variable name; others get a placeholder of the variable's type. */
  readonly inputs: Readonly<Record<string, unknown>>;
  /** Evaluated output values, by output name: their JSON type picks the CDKTF accessor. */
  readonly outputs: Readonly<Record<string, unknown>>;
}

export interface ConsumerSnippets {
  /** An HCL `module` block. */
  readonly hcl: string;
  /** CDKTF TypeScript: import lines, then statements for a stack constructor (`this` is the stack). */
  readonly typescript: string;
}

/** What a consumer copies: an HCL `module` block and its CDKTF `TerraformHclModule` twin. */
export function consumerSnippets(
  repositoryUrl: string,
  moduleName: string,
  tag: string,
  iface: ModuleInterface,
  values: SnippetValues = { inputs: {}, outputs: {} },
): ConsumerSnippets {
  const source = gitSource(repositoryUrl, moduleName, tag);
  const required = [...iface.variables].filter(([, spec]) => spec.required);
  const inputs = required.map(
    ([name, spec]) => [name, values.inputs[name] ?? placeholder(name, spec.type)] as const,
  );
  const width = Math.max("source".length, ...inputs.map(([name]) => name.length));
  const module = camel(moduleName);
  const reads = [...iface.outputs].map((name) => outputRead(module, name, values.outputs[name]));
  const hcl = [
    `module "${blockName(moduleName)}" {`,
    `  ${"source".padEnd(width)} = "${source}"`,
    ...inputs.map(([name, value]) => `  ${name.padEnd(width)} = ${hclValue(value)}`),
    "}",
  ].join("\n");
  const typescript = [
    `import { TerraformHclModule${reads.some((r) => r.includes("Token.")) ? ", Token" : ""} } from "cdktf";`,
    `const ${module} = new TerraformHclModule(this, "${blockName(moduleName)}", {`,
    `  source: "${source}",`,
    "  variables: {",
    ...inputs.map(([name, value]) => `    ${name}: ${JSON.stringify(value)},`),
    "  },",
    "});",
    ...reads,
  ].join("\n");
  return { hcl, typescript };
}

/** Both snippets as the CLI prints them. */
export function formatSnippets(snippets: ConsumerSnippets): string {
  return ["# Terraform (HCL)", snippets.hcl, "", "// CDKTF (TypeScript)", snippets.typescript].join("\n");
}

/** A value of the variable's type that says what to put there. */
function placeholder(name: string, type: string | undefined): unknown {
  const kind = (type ?? "string").replace(/\s/g, "");
  if (/^(list|set|tuple)\(/.test(kind)) return [`<${name}>`];
  if (/^(map|object)\(/.test(kind)) return { key: `<${name}>` };
  if (kind === "number") return 0;
  if (kind === "bool") return false;
  return `<${name}>`;
}

function hclValue(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(hclValue).join(", ")}]`;
  if (value !== null && typeof value === "object")
    return `{ ${Object.entries(value)
      .map(([key, item]) => `${JSON.stringify(key)} = ${hclValue(item)}`)
      .join(", ")} }`;
  return JSON.stringify(value);
}

/** The accessor matching the output's type: getString, getNumber, getBoolean, getList, or a map. */
function outputRead(module: string, name: string, value: unknown): string {
  const target = `const ${camel(name)} =`;
  if (typeof value === "string") return `${target} ${module}.getString("${name}");`;
  if (typeof value === "number") return `${target} ${module}.getNumber("${name}");`;
  if (typeof value === "boolean") return `${target} ${module}.getBoolean("${name}");`;
  if (Array.isArray(value) && value.every((item) => typeof item === "string"))
    return `${target} ${module}.getList("${name}");`;
  if (
    value !== null &&
    typeof value === "object" &&
    Object.values(value).every((item) => typeof item === "string")
  )
    return `${target} Token.asStringMap(${module}.get("${name}"));`;
  return `${target} ${module}.interpolationForOutput("${name}");`;
}
