import type { DataSourceValues } from "../app/module-examples";
import { hclLiteral } from "./hcl-literal";
import { isObject, type BlockOf, type JsonObject, type ModuleConfig } from "./module-config";

/** Attributes of a resource that hold an IAM (identity, trust, bucket or key) policy document. */
export const POLICY_ATTRIBUTES: readonly string[] = ["policy", "assume_role_policy"];

/** What one shadow output holds: a module output, or the policy attribute of a resource. */
export interface ShadowOutput {
  /** Output name in the shadow module. */
  readonly name: string;
  /** `output.<name>` or `<type>.<name>.<attribute>` in the original module. */
  readonly address: string;
}

export interface Shadow {
  /** A provider-free module in Terraform JSON. */
  readonly document: JsonObject;
  readonly outputs: readonly ShadowOutput[];
  readonly variables: readonly string[];
  readonly requiredVariables: readonly string[];
}

const META_ARGUMENTS = new Set(["count", "for_each", "depends_on", "provider", "lifecycle", "provisioner"]);
const ALWAYS_ATTRIBUTES = ["arn", "id"];

const escapeRegex = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const localName = (kind: "d" | "r", block: { type: string; name: string }): string =>
  `${kind}__${block.type}__${block.name}`.replace(/-/g, "_");

/**
 * Builds a provider-free twin of a module that Terraform evaluates offline: variables, locals and
 * outputs as written; each data source and managed resource becomes a local holding the
 * attributes the module reads (configured values where the module sets them, otherwise a
 * placeholder naming the attribute, e.g. `aws_kms_key.this.arn`), with its count or for_each; and
 * each policy attribute of a resource becomes an output, per instance. Expressions are the
 * module's own text, so what Terraform evaluates is exactly what a consumer would get.
 */
export function shadowModule(config: ModuleConfig, dataValues: DataSourceValues): Shadow {
  const rewrite = referenceRewriter(config);
  const allText = JSON.stringify([[...config.locals], [...config.outputs], config.resources]);
  const locals: JsonObject = {};
  for (const [name, value] of config.locals) locals[name] = rewrite(value);
  for (const block of config.data) locals[localName("d", block)] = dataStandIn(block, allText, dataValues);
  for (const block of config.resources)
    locals[localName("r", block)] = resourceStandIn(block, allText, rewrite);

  const output: JsonObject = {};
  const outputs: ShadowOutput[] = [];
  for (const [name, body] of config.outputs) {
    outputs.push({ name: `o__${name}`, address: `output.${name}` });
    output[`o__${name}`] = { value: rewrite(body.value), sensitive: true };
  }
  for (const block of config.resources)
    for (const attribute of POLICY_ATTRIBUTES) {
      if (typeof block.body[attribute] !== "string") continue;
      const name = `p__${localName("r", block).slice(3)}__${attribute}`;
      outputs.push({ name, address: `${block.type}.${block.name}.${attribute}` });
      output[name] = {
        value: perInstance(block, rewrite, hclLiteral(rewrite(block.body[attribute]))),
        sensitive: true,
      };
    }

  const variable: JsonObject = {};
  const requiredVariables: string[] = [];
  for (const [name, body] of config.variables) {
    const spec: JsonObject = {};
    if (typeof body.type === "string") spec.type = body.type.replace(/^\$\{([\s\S]*)\}$/, "$1");
    if ("default" in body) spec.default = body.default;
    else requiredVariables.push(name);
    if (typeof body.nullable === "boolean") spec.nullable = body.nullable;
    variable[name] = spec;
  }
  // Terraform JSON refuses an empty block map ("Missing block label"): leave empty kinds out.
  const document: JsonObject = Object.fromEntries(
    Object.entries({ variable, locals, output }).filter(([, blocks]) => Object.keys(blocks).length > 0),
  );
  return { document, outputs, variables: [...config.variables.keys()], requiredVariables };
}

type Rewrite = <T>(value: T) => T;

/** Replaces `data.T.N` and `T.N` of every declared block with the local that stands in for it. */
function referenceRewriter(config: ModuleConfig): Rewrite {
  const replacements: Array<[RegExp, string]> = [
    ...config.data.map((block): [RegExp, string] => [
      new RegExp(`(?<![\\w.])data\\.${escapeRegex(block.type)}\\.${escapeRegex(block.name)}\\b`, "g"),
      `local.${localName("d", block)}`,
    ]),
    ...config.resources.map((block): [RegExp, string] => [
      new RegExp(`(?<![\\w.])${escapeRegex(block.type)}\\.${escapeRegex(block.name)}\\b`, "g"),
      `local.${localName("r", block)}`,
    ]),
  ];
  const rewriteText = (text: string): string =>
    replacements.reduce((current, [pattern, local]) => current.replace(pattern, local), text);
  const rewrite = (value: unknown): unknown => {
    if (typeof value === "string") return rewriteText(value);
    if (Array.isArray(value)) return value.map(rewrite);
    if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rewrite(v)]));
    return value;
  };
  return rewrite as Rewrite;
}

/** Attribute names read from a block anywhere in the module: `T.N.attr`, `T.N[0].attr`, `T.N[*].attr`. */
function attributesRead(prefix: string, allText: string): string[] {
  const pattern = new RegExp(
    `(?<![\\w.])${escapeRegex(prefix)}(?:\\[[^\\]]*\\])?\\.([A-Za-z_][A-Za-z0-9_]*)`,
    "g",
  );
  return [...new Set([...allText.matchAll(pattern)].map((match) => match[1]))].sort();
}

function dataStandIn(block: BlockOf, allText: string, dataValues: DataSourceValues): string {
  const known = dataValues[block.type] ?? {};
  const attributes: JsonObject = {};
  for (const attribute of [
    ...new Set([...Object.keys(known), ...attributesRead(`data.${block.type}.${block.name}`, allText)]),
  ])
    attributes[attribute] = known[attribute] ?? `data.${block.type}.${block.name}.${attribute}`;
  return `\${${hclLiteral(attributes)}}`;
}

function resourceStandIn(block: BlockOf, allText: string, rewrite: Rewrite): string {
  const attributes: JsonObject = {};
  for (const attribute of [
    ...new Set([...ALWAYS_ATTRIBUTES, ...attributesRead(`${block.type}.${block.name}`, allText)]),
  ]) {
    const configured = block.body[attribute];
    const scalar =
      ["string", "number", "boolean"].includes(typeof configured) && !META_ARGUMENTS.has(attribute);
    attributes[attribute] = scalar ? rewrite(configured) : `${block.type}.${block.name}.${attribute}`;
  }
  return `\${${perInstance(block, rewrite, hclLiteral(attributes)).slice(2, -1)}}`;
}

/** An expression evaluated once per instance of the block: a list under count, a map under for_each. */
function perInstance(block: BlockOf, rewrite: Rewrite, expression: string): string {
  const iterated = expression
    .replace(/(?<![\w.])each\.key\b/g, "x__k")
    .replace(/(?<![\w.])each\.value\b/g, "x__v")
    .replace(/(?<![\w.])count\.index\b/g, "x__i");
  if (block.body.for_each !== undefined)
    return `\${{for x__k, x__v in ${hclLiteral(rewrite(block.body.for_each))} : x__k => ${iterated}}}`;
  if (block.body.count !== undefined)
    return `\${[for x__i in range(${hclLiteral(rewrite(block.body.count))}) : ${iterated}]}`;
  return `\${${iterated}}`;
}
