import { parse } from "@cdktf/hcl2json";
import { subTree, type TreeSnapshot } from "./read-tree";

/** The two ways the packager writes every module: modules-out/hcl/<m>/*.tf and json/<m>/*.tf.json. */
export type ModuleVariant = "hcl" | "json";
export const MODULE_VARIANTS: readonly ModuleVariant[] = ["hcl", "json"];

export type JsonObject = Record<string, unknown>;

export interface BlockOf {
  readonly type: string;
  readonly name: string;
  readonly body: JsonObject;
}

/** A module's configuration in Terraform's JSON form, whichever variant it was read from. */
export interface ModuleConfig {
  readonly variables: ReadonlyMap<string, JsonObject>;
  readonly locals: ReadonlyMap<string, unknown>;
  readonly outputs: ReadonlyMap<string, JsonObject>;
  readonly resources: readonly BlockOf[];
  readonly data: readonly BlockOf[];
}

export const isObject = (value: unknown): value is JsonObject =>
  value !== null && typeof value === "object" && !Array.isArray(value);

/** Terraform JSON allows a block map or a list of block maps; both read as (name, body) pairs. */
export function entries(value: unknown): Array<[string, unknown]> {
  if (Array.isArray(value)) return value.flatMap(entries);
  return isObject(value) ? Object.entries(value) : [];
}

/** A block body: hcl2json wraps each block in a one-element list. */
const bodyOf = (value: unknown): JsonObject =>
  Array.isArray(value) ? bodyOf(value[0]) : isObject(value) ? value : {};

/**
 * Reads one variant of a module from a tree. HCL is parsed with @cdktf/hcl2json, whose output has
 * the shape of Terraform JSON, so one reader serves both variants and a hand edit in either is seen.
 */
export async function readModuleConfig(
  tree: TreeSnapshot,
  variant: ModuleVariant,
  moduleName: string,
): Promise<ModuleConfig> {
  const files = [...subTree(tree, `${variant}/${moduleName}`)].filter(
    ([path]) => !path.includes("/") && path.endsWith(variant === "json" ? ".tf.json" : ".tf"),
  );
  const documents: unknown[] = [];
  for (const [path, text] of files)
    documents.push(variant === "json" ? JSON.parse(text) : await parse(path, text));
  const variables = new Map<string, JsonObject>();
  const locals = new Map<string, unknown>();
  const outputs = new Map<string, JsonObject>();
  const resources: BlockOf[] = [];
  const data: BlockOf[] = [];
  for (const document of documents.filter(isObject)) {
    for (const [name, body] of entries(document.variable)) variables.set(name, bodyOf(body));
    for (const [name, value] of entries(document.locals)) locals.set(name, value);
    for (const [name, body] of entries(document.output)) outputs.set(name, bodyOf(body));
    for (const [type, byName] of entries(document.resource))
      for (const [name, body] of entries(byName)) resources.push({ type, name, body: bodyOf(body) });
    for (const [type, byName] of entries(document.data))
      for (const [name, body] of entries(byName)) data.push({ type, name, body: bodyOf(body) });
  }
  return { variables, locals, outputs, resources, data };
}
