import { formatHcl, type FormatCache } from "./format-hcl";
import type { CleanModule } from "./clean-module";
import { renderHclString, wholeExpression } from "../hcl/string-template";
import { wrapExpression } from "../hcl/wrap-expression";
import { movedBlockHcl } from "./moved-blocks";

/** The HCL files of a module, each formatted with @cdktf/hcl-tools; no main.tf when it would be empty. */
export interface HclModuleFiles {
  readonly "main.tf"?: string;
  readonly "variables.tf": string;
  readonly "outputs.tf": string;
  readonly "versions.tf": string;
}

/** Nested names Terraform itself defines as blocks, per top-level kind. */
const LANGUAGE_BLOCKS: Readonly<Record<string, ReadonlySet<string>>> = {
  resource: new Set([
    "lifecycle",
    "lifecycle/precondition",
    "lifecycle/postcondition",
    "provisioner",
    "connection",
  ]),
  data: new Set(["lifecycle", "lifecycle/precondition", "lifecycle/postcondition"]),
  variable: new Set(["validation"]),
  output: new Set(["precondition"]),
  terraform: new Set(["required_providers"]),
};

/** Attributes whose JSON string holds a bare expression (a reference or a type), never a template. */
const BARE_ATTRIBUTES: Readonly<Record<string, ReadonlySet<string>>> = {
  resource: new Set(["depends_on", "provider", "lifecycle/ignore_changes", "lifecycle/replace_triggered_by"]),
  data: new Set(["depends_on", "provider"]),
  variable: new Set(["type"]),
  output: new Set(["depends_on"]),
  import: new Set(["to", "provider"]),
};

interface BodyContext {
  readonly kind: string;
  /** `resource.<type>` for provider blocks, or the kind alone. */
  readonly schemaKey: string;
  readonly path: readonly string[];
}

export async function renderHclModule(
  module: CleanModule,
  providerBlocks: ReadonlySet<string>,
  cache: FormatCache = "verified",
): Promise<HclModuleFiles> {
  const formatFile = (blocks: readonly string[]) => formatBlocks(blocks, cache);
  const renderer = new HclRenderer(providerBlocks);
  const main: string[] = [];
  const { locals, data, resource } = module.main as Record<string, unknown>;
  const importBlocks = (module.main as Record<string, unknown>).import;
  if (locals) main.push(`locals {\n${renderer.body(locals as Record<string, unknown>, ctx("locals"))}}`);
  for (const [kind, byType] of [
    ["data", data],
    ["resource", resource],
  ] as const) {
    for (const [type, byName] of Object.entries((byType ?? {}) as Record<string, Record<string, unknown>>)) {
      for (const [name, body] of Object.entries(byName)) {
        const context = { kind, schemaKey: `${kind}.${type}`, path: [] };
        main.push(
          `${kind} "${type}" "${name}" {\n${renderer.body(body as Record<string, unknown>, context)}}`,
        );
      }
    }
  }
  for (const block of module.moved) main.push(movedBlockHcl(block));
  for (const body of (importBlocks ?? []) as Record<string, unknown>[]) {
    main.push(`import {\n${renderer.body(body, ctx("import"))}}`);
  }
  const named = (kind: string, entries: Readonly<Record<string, Record<string, unknown>>>): string[] =>
    Object.entries(entries).map(([name, body]) => `${kind} "${name}" {\n${renderer.body(body, ctx(kind))}}`);

  return {
    ...(main.length ? { "main.tf": await formatFile(main) } : {}),
    "variables.tf": await formatFile(named("variable", module.variables)),
    "outputs.tf": await formatFile(named("output", module.outputs)),
    "versions.tf": await formatFile([
      `terraform {\n${renderer.body(module.terraform as Record<string, unknown>, ctx("terraform"))}}`,
    ]),
  };
}

function ctx(kind: string): BodyContext {
  return { kind, schemaKey: kind, path: [] };
}

/** Blocks separated by one blank line; formatted; exactly one trailing newline (empty file if none). */
async function formatBlocks(blocks: readonly string[], cache: FormatCache): Promise<string> {
  if (blocks.length === 0) return "";
  const formatted = await formatHcl(`${blocks.join("\n\n")}\n`, cache);
  return `${formatted.trimEnd()}\n`;
}

class HclRenderer {
  constructor(private readonly providerBlocks: ReadonlySet<string>) {}

  body(values: Readonly<Record<string, unknown>>, context: BodyContext): string {
    const lines: string[] = [];
    for (const [key, value] of Object.entries(values)) {
      if (value === undefined) continue;
      const path = [...context.path, key];
      if (key === "dynamic" && context.kind !== "locals" && context.kind !== "variable") {
        lines.push(this.dynamicBlocks(value as Record<string, unknown>, context));
      } else if (this.isBlock(context, path)) {
        for (const item of Array.isArray(value) ? value : [value]) {
          lines.push(`${key} {\n${this.body(item as Record<string, unknown>, { ...context, path })}}`);
        }
      } else if (BARE_ATTRIBUTES[context.kind]?.has(path.join("/"))) {
        lines.push(`${key} = ${bare(value)}`);
      } else {
        lines.push(`${renderKey(key)} = ${expression(value, 1, true)}`);
      }
    }
    return lines.map((line) => `${line}\n`).join("");
  }

  private dynamicBlocks(byName: Record<string, unknown>, context: BodyContext): string {
    const rendered: string[] = [];
    for (const [name, spec] of Object.entries(byName)) {
      for (const item of Array.isArray(spec) ? spec : [spec]) {
        const { content, ...settings } = item as Record<string, unknown>;
        const path = [...context.path, name];
        const inner = this.body(settings, { ...context, kind: "dynamic", path: [] });
        const contentBody = this.body((content ?? {}) as Record<string, unknown>, { ...context, path });
        rendered.push(`dynamic "${name}" {\n${inner}content {\n${contentBody}}\n}`);
      }
    }
    return rendered.join("\n");
  }

  private isBlock(context: BodyContext, path: readonly string[]): boolean {
    const joined = path.join("/");
    return (
      (LANGUAGE_BLOCKS[context.kind]?.has(joined) ?? false) ||
      (context.schemaKey.includes(".") && this.providerBlocks.has(`${context.schemaKey}/${joined}`))
    );
  }
}

/** A reference or type written as a JSON string (`"aws_s3_bucket.this"`, `"${list(string)}"`). */
function bare(value: unknown): string {
  if (typeof value === "string") return wholeExpression(value) ?? value;
  if (Array.isArray(value)) return `[${value.map(bare).join(", ")}]`;
  return expression(value, 1);
}

function renderKey(key: string): string {
  if (/^[A-Za-z_][A-Za-z0-9_-]*$/.test(key)) return key;
  const whole = wholeExpression(key);
  if (whole !== undefined) return `(${whole})`;
  return renderHclString(key);
}

/** A JSON value as an HCL expression; indentation is cosmetic (format fixes it). */
function expression(value: unknown, depth: number, allowHeredoc = false): string {
  if (value === null) return "null";
  if (typeof value === "string") {
    const whole = wholeExpression(value);
    return whole === undefined ? renderHclString(value, allowHeredoc) : wrapExpression(whole, depth);
  }
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  const pad = "  ".repeat(depth);
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    const items = value.map((item) => expression(item, depth + 1));
    const inline = `[${items.join(", ")}]`;
    if (inline.length <= 80 && !inline.includes("\n")) return inline;
    return `[\n${items.map((item) => `${pad}  ${item},`).join("\n")}\n${pad}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) return "{}";
  const lines = entries.map(
    ([key, child]) => `${pad}  ${renderKey(key)} = ${expression(child, depth + 1, true)}`,
  );
  return `{\n${lines.join("\n")}\n${pad}}`;
}
