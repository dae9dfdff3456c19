/**
 * Terraform resource addresses (`aws_s3_bucket.state`, `module.net.aws_vpc.this["a"]`) as data, so
 * that a `moved` block is built from parsed identifiers and never from text someone typed: anything
 * that is not exactly one address (a newline, a brace, a comment, an interpolation) does not parse.
 */

/** One `module.<name>[key]` step or the final `<type>.<name>[key]`. */
export interface AddressStep {
  readonly kind: "module" | "resource";
  /** The resource type; absent for module steps. */
  readonly type?: string;
  readonly name: string;
  /** Instance key: `[0]` or `["a"]`. */
  readonly key?: number | string;
}

const IDENTIFIER = "[A-Za-z_][A-Za-z0-9_-]*";
// Instance keys: a whole number or a string of characters that need no escaping in HCL or JSON.
const KEY = String.raw`\[(?:(0|[1-9][0-9]{0,8})|"([A-Za-z0-9_.:/=+@-]{0,256})")\]`;
const MODULE_STEP = new RegExp(`^module\\.(${IDENTIFIER})(?:${KEY})?\\.`);
const RESOURCE = new RegExp(`^(${IDENTIFIER})\\.(${IDENTIFIER})(?:${KEY})?$`);
/** Words Terraform reserves at the start of an address: they never name a managed resource type. */
const NOT_RESOURCE_TYPES = new Set(["module", "data", "var", "local", "path", "terraform", "count", "each"]);

export const RESOURCE_ADDRESS_RULE =
  'a Terraform resource address: <type>.<name> with an optional [0] or ["key"], optionally after module.<name>. steps, e.g. aws_s3_bucket.state';

/** The steps of an address, or undefined when the text is not exactly one managed-resource address. */
export function parseResourceAddress(text: string): readonly AddressStep[] | undefined {
  const steps: AddressStep[] = [];
  let rest = text;
  for (let match = MODULE_STEP.exec(rest); match; match = MODULE_STEP.exec(rest)) {
    steps.push({ kind: "module", name: match[1], ...instanceKey(match[2], match[3]) });
    rest = rest.slice(match[0].length);
  }
  const resource = RESOURCE.exec(rest);
  if (!resource || NOT_RESOURCE_TYPES.has(resource[1])) return undefined;
  steps.push({
    kind: "resource",
    type: resource[1],
    name: resource[2],
    ...instanceKey(resource[3], resource[4]),
  });
  return steps;
}

/** The canonical text of an address, rebuilt from its steps (what HCL and JSON both carry). */
export function renderResourceAddress(steps: readonly AddressStep[]): string {
  return steps
    .map((step) => {
      const head = step.kind === "module" ? `module.${step.name}` : `${step.type}.${step.name}`;
      if (step.key === undefined) return head;
      return `${head}[${typeof step.key === "number" ? String(step.key) : `"${step.key}"`}]`;
    })
    .join(".");
}

function instanceKey(index: string | undefined, name: string | undefined): { key?: number | string } {
  if (index !== undefined) return { key: Number(index) };
  if (name !== undefined) return { key: name };
  return {};
}
