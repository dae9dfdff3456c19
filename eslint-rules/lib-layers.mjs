// @ts-check
import { dirname, relative, resolve, sep } from "node:path";

/**
 * The folders of lib/, bottom-up. A folder imports only from folders before it in this list, so
 * the layers run one way (see README "Layout"). `errors` is lib/errors.ts.
 */
export const LIB_LAYERS = [
  "errors",
  "hcl",
  "iam",
  "naming",
  "config",
  "policy",
  "permissions",
  "constructs",
  "checks",
  "stacks",
  "packager",
  "app",
  "diff",
  "publish",
  "cli",
];

/** `lib/<folder>/...` or `lib/<name>.ts` -> the layer name, else undefined (outside lib/). */
function layerOf(path, root) {
  const parts = relative(root, path).split(sep);
  if (parts[0] !== "lib" || parts.length < 2) return undefined;
  return parts.length === 2 ? parts[1].replace(/\.[cm]?[jt]s$/, "") : parts[1];
}

/** @type {import("eslint").Rule.RuleModule} */
const oneWay = {
  meta: {
    type: "problem",
    docs: { description: "lib/ folders import only from the layers below them" },
    schema: [],
  },
  create(context) {
    const root = context.cwd;
    const from = layerOf(context.filename, root);
    if (from === undefined) return {};
    const check = (node, source) => {
      if (typeof source !== "string" || !source.startsWith(".")) return;
      const to = layerOf(resolve(dirname(context.filename), source), root);
      if (to === undefined || to === from) return;
      const [fromIndex, toIndex] = [LIB_LAYERS.indexOf(from), LIB_LAYERS.indexOf(to)];
      if (fromIndex === -1 || toIndex === -1 || toIndex > fromIndex) {
        context.report({
          node,
          message: `lib/${from} may not import lib/${to}: layers run one way (${LIB_LAYERS.join(" < ")}); move what both need into a lower layer, or add a new folder to LIB_LAYERS in eslint-rules/lib-layers.mjs.`,
        });
      }
    };
    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => node.source.type === "Literal" && check(node, node.source.value),
    };
  },
};

export default { rules: { "one-way": oneWay } };
