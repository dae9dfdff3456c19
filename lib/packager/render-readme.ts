import type { CleanModule } from "./clean-module";
import { renderHclString, wholeExpression } from "../hcl/string-template";
import { gitSource, moduleTag } from "../naming/module-source";

/** What a module's README says beyond the generated tables. */
export interface ReadmeDocs {
  /** One paragraph: what the module is for. */
  readonly purpose: string;
  /** Extra Markdown sections, each `## Title` + body, in order. */
  readonly sections?: readonly string[];
}

export interface ReadmeInput {
  readonly module: CleanModule;
  readonly docs: ReadmeDocs;
  /** `hcl` or `json`: the folder the README sits in, and so the source path it shows. */
  readonly flavour: "hcl" | "json";
  readonly repositoryUrl: string;
  readonly version: string;
}

/** Purpose, usage with the git source line, inputs and outputs tables, then the module's own sections. */
export function renderReadme(input: ReadmeInput): string {
  const { module, docs } = input;
  const variables = Object.entries(module.variables);
  const required = variables.filter(([, spec]) => !("default" in spec));
  const usage = [
    `module "${module.moduleName.replace(/-/g, "_")}" {`,
    `  source = "${gitSource(input.repositoryUrl, module.moduleName, moduleTag(module.moduleName, input.version), input.flavour)}"`,
    ...(required.length
      ? ["", ...required.map(([name, spec]) => `  # ${name} = <${typeText(spec.type)}> (required)`)]
      : []),
    "}",
  ];
  const inputs = variables.map(([name, spec]) =>
    row([
      `\`${name}\``,
      text(spec.description),
      code(typeText(spec.type)),
      "default" in spec ? code(inline(spec.default)) : "n/a",
      "default" in spec ? "no" : "yes",
    ]),
  );
  const outputs = Object.entries(module.outputs).map(([name, spec]) =>
    row([`\`${name}\``, text(spec.description), spec.sensitive === true ? "yes" : "no"]),
  );
  const parts = [
    `# ${module.moduleName}`,
    docs.purpose.trim(),
    "## Usage",
    ["```hcl", ...usage, "```"].join("\n"),
    "## Inputs",
    inputs.length
      ? [
          "| Name | Description | Type | Default | Required |",
          "|------|-------------|------|---------|:--------:|",
          ...inputs,
        ].join("\n")
      : "No inputs.",
    "## Outputs",
    outputs.length
      ? ["| Name | Description | Sensitive |", "|------|-------------|:---------:|", ...outputs].join("\n")
      : "No outputs.",
    ...(docs.sections ?? []).map((section) => section.trim()),
  ];
  return `${parts.join("\n\n")}\n`;
}

function typeText(type: unknown): string {
  if (typeof type !== "string") return "any";
  return wholeExpression(type) ?? type;
}

/** A default value as one line of HCL. */
function inline(value: unknown): string {
  if (value === null) return "null";
  if (typeof value === "string") return renderHclString(value, false);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return `[${value.map(inline).join(", ")}]`;
  const entries = Object.entries(value as Record<string, unknown>).map(
    ([key, child]) => `${key} = ${inline(child)}`,
  );
  return entries.length ? `{ ${entries.join(", ")} }` : "{}";
}

function text(value: unknown): string {
  return typeof value === "string" ? cell(value) : "";
}

function code(value: string): string {
  return `\`${cell(value)}\``;
}

function cell(value: string): string {
  return value.replace(/\|/g, "\\|").replace(/\r?\n/g, "<br>");
}

function row(cells: readonly string[]): string {
  return `| ${cells.join(" | ")} |`;
}
