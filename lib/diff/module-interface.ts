import { subTree, type TreeSnapshot } from "./read-tree";

/** What a caller of a module depends on: its inputs, its outputs and its resource addresses. */
export interface VariableSpec {
  /** Terraform type expression as written (`string`, `list(string)`), or undefined (any). */
  readonly type: string | undefined;
  /** Canonical JSON of the default; undefined when there is none. */
  readonly default: string | undefined;
  /** A variable without a default must be set by every caller. */
  readonly required: boolean;
}

export interface ModuleInterface {
  readonly variables: ReadonlyMap<string, VariableSpec>;
  readonly outputs: ReadonlySet<string>;
  /** Address (`aws_s3_bucket.this`, `data.aws_iam_policy_document.x`, `module.x`) -> canonical JSON body. */
  readonly resources: ReadonlyMap<string, string>;
}

type JsonObject = Record<string, unknown>;

const isObject = (value: unknown): value is JsonObject =>
  value !== null && typeof value === "object" && !Array.isArray(value);

/** JSON with sorted keys, so that key order never reads as a change. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (isObject(value)) {
    const keys = Object.keys(value).sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key])}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/** Module names present in a modules-out tree (folders under json/). */
export function moduleNames(tree: TreeSnapshot): string[] {
  const names = new Set<string>();
  for (const path of tree.keys()) {
    const match = /^json\/([^/]+)\/[^/]+\.tf\.json$/.exec(path);
    if (match) names.add(match[1]);
  }
  return [...names].sort();
}

/**
 * Reads a module's interface from its JSON variant (json/<module>/*.tf.json): JSON needs no HCL
 * parser, and the packager writes the same module both ways.
 */
export function moduleInterface(tree: TreeSnapshot, moduleName: string): ModuleInterface {
  const variables = new Map<string, VariableSpec>();
  const outputs = new Set<string>();
  const resources = new Map<string, string>();
  for (const [path, text] of subTree(tree, `json/${moduleName}`)) {
    if (!path.endsWith(".tf.json") || path.includes("/")) continue;
    const document: unknown = JSON.parse(text);
    if (!isObject(document)) continue;
    for (const [name, body] of entries(document.variable)) {
      const spec = isObject(body) ? body : {};
      variables.set(name, {
        type: typeof spec.type === "string" ? spec.type : undefined,
        default: "default" in spec ? canonicalJson(spec.default) : undefined,
        required: !("default" in spec),
      });
    }
    for (const [name] of entries(document.output)) outputs.add(name);
    for (const [type, byName] of entries(document.resource))
      for (const [name, body] of entries(byName)) resources.set(`${type}.${name}`, canonicalJson(body));
    for (const [type, byName] of entries(document.data))
      for (const [name, body] of entries(byName)) resources.set(`data.${type}.${name}`, canonicalJson(body));
    for (const [name, body] of entries(document.module)) resources.set(`module.${name}`, canonicalJson(body));
  }
  return { variables, outputs, resources };
}

/** Terraform JSON allows a block map or a list of block maps; both read as (name, body) pairs. */
function entries(value: unknown): Array<[string, unknown]> {
  if (Array.isArray(value)) return value.flatMap(entries);
  return isObject(value) ? Object.entries(value) : [];
}
