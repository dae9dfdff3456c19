import type { CleanModule } from "./clean-module";
import { renderHclString, wholeExpression } from "../hcl/string-template";
import { gitSource, moduleTag } from "../naming/module-source";

/** What a module's README says beyond the generated tables. */
export interface ReadmeDocs {
  /** One paragraph: what the module is for. */
  readonly purpose: string;
  /** Extra Markdown sections, each `## Title` + body, in order. */
  readonly sections?: readonly string[];
  /** A value for each required input, set in the usage block. */
  readonly usage: Readonly<Record<string, unknown>>;
}

export interface ReadmeInput {
  readonly module: CleanModule;
  readonly docs: ReadmeDocs;
  /** `hcl` or `json`: the folder the README sits in, and so the source path it shows. */
  readonly flavour: "hcl" | "json";
  readonly repositoryUrl: string;
  readonly version: string;
}

const REGISTRY_DOCS = "https://registry.terraform.io/providers/hashicorp";

/**
 * Title, purpose and usage, then the sections terraform-docs renders (Requirements, Providers,
 * Modules, Resources, Inputs, Outputs: its columns, anchors and links, rows sorted by name), then
 * the module's own sections (permissions, residual risks).
 */
export function renderReadme(input: ReadmeInput): string {
  const { module, docs } = input;
  const parts = [
    `# ${module.moduleName}`,
    docs.purpose.trim(),
    "## Usage",
    ["```hcl", ...usageBlock(input), "```"].join("\n"),
    ...requirementsSection(module),
    ...providersSection(module),
    "## Modules",
    "No modules.",
    ...resourcesSection(module),
    ...inputsSection(module),
    ...outputsSection(module),
    ...(docs.sections ?? []).map((section) => section.trim()),
  ];
  return `${parts.join("\n\n")}\n`;
}

/** The module block with the git source and every required input set to its example value. */
function usageBlock(input: ReadmeInput): string[] {
  const { module } = input;
  const required = Object.entries(module.variables)
    .filter(([, spec]) => !("default" in spec))
    .map(([name]) => [name, usageValue(module.moduleName, name, input.docs.usage)] as const);
  const width = Math.max(0, ...required.map(([name]) => name.length));
  const source = gitSource(
    input.repositoryUrl,
    module.moduleName,
    moduleTag(module.moduleName, input.version),
    input.flavour,
  );
  return [
    `module "${module.moduleName.replace(/-/g, "_")}" {`,
    `  source = "${source}"`,
    ...(required.length
      ? ["", ...required.map(([name, value]) => `  ${name.padEnd(width)} = ${value}`)]
      : []),
    "}",
  ];
}

/** The documented value of a required input as HCL; a module that gives none fails the run. */
function usageValue(moduleName: string, name: string, usage: Readonly<Record<string, unknown>>): string {
  if (!(name in usage))
    throw new Error(
      `Module ${moduleName}: required input "${name}" has no value for the README's usage block; add it to the module's docs.usage.`,
    );
  return inline(usage[name]);
}

/** `<a name="input_x"></a> [x](#input\_x)`: terraform-docs' anchor and link for a row. */
function anchored(kind: string, name: string): string {
  const escaped = name.replace(/_/g, "\\_");
  return `<a name="${kind}_${name}"></a> [${escaped}](#${kind}\\_${escaped})`;
}

function table(header: readonly string[], align: readonly string[], rows: readonly string[][]): string {
  return [row(header), `|${align.join("|")}|`, ...rows.map(row)].join("\n");
}

const byName = <T>(entries: [string, T][]): [string, T][] =>
  [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

function providerRequirements(module: CleanModule): [string, string][] {
  const providers = (module.terraform.required_providers ?? {}) as Record<string, { version?: string }>;
  return byName(Object.entries(providers)).map(([name, spec]) => [name, spec.version ?? "n/a"]);
}

function requirementsSection(module: CleanModule): string[] {
  const version = module.terraform.required_version;
  const rows = [
    ...(typeof version === "string" ? [["terraform", version] as [string, string]] : []),
    ...providerRequirements(module),
  ].map(([name, constraint]) => [anchored("requirement", name), constraint]);
  return [
    "## Requirements",
    rows.length ? table(["Name", "Version"], ["------", "---------"], rows) : "No requirements.",
  ];
}

function providersSection(module: CleanModule): string[] {
  const rows = providerRequirements(module).map(([name, constraint]) => [
    anchored("provider", name),
    constraint,
  ]);
  return [
    "## Providers",
    rows.length ? table(["Name", "Version"], ["------", "---------"], rows) : "No providers.",
  ];
}

/** Every managed resource and data source, linked to its page in the provider's registry docs. */
function resourcesSection(module: CleanModule): string[] {
  const rows: [string, string[]][] = [];
  for (const [kind, label, folder] of [
    ["resource", "resource", "resources"],
    ["data", "data source", "data-sources"],
  ] as const) {
    const blocks = (module.main[kind] ?? {}) as Record<string, Record<string, unknown>>;
    for (const [type, byBlockName] of Object.entries(blocks)) {
      const [provider, ...rest] = type.split("_");
      const link = `${REGISTRY_DOCS}/${provider}/latest/docs/${folder}/${rest.join("_")}`;
      for (const name of Object.keys(byBlockName))
        rows.push([`${type}.${name}`, [`[${type}.${name}](${link})`, label]]);
    }
  }
  return [
    "## Resources",
    rows.length
      ? table(
          ["Name", "Type"],
          ["------", "------"],
          byName(rows).map(([, cells]) => cells),
        )
      : "No resources.",
  ];
}

function inputsSection(module: CleanModule): string[] {
  const rows = byName(Object.entries(module.variables)).map(([name, spec]) => [
    anchored("input", name),
    text(spec.description),
    code(typeText(spec.type)),
    "default" in spec ? code(inline(spec.default)) : "n/a",
    "default" in spec ? "no" : "yes",
  ]);
  return [
    "## Inputs",
    rows.length
      ? table(
          ["Name", "Description", "Type", "Default", "Required"],
          ["------", "-------------", "------", "---------", ":--------:"],
          rows,
        )
      : "No inputs.",
  ];
}

function outputsSection(module: CleanModule): string[] {
  const rows = byName(Object.entries(module.outputs)).map(([name, spec]) => [
    anchored("output", name),
    text(spec.description),
  ]);
  return [
    "## Outputs",
    rows.length ? table(["Name", "Description"], ["------", "-------------"], rows) : "No outputs.",
  ];
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
