/**
 * A read-only index over a synthesized stack's Terraform JSON (`stack.toTerraform()` or
 * cdk.tf.json): resources under `resource.<type>.<name>`, plus outputs and locals where
 * provider-free modules keep their policies.
 */
export interface TerraformResource {
  readonly type: string;
  readonly name: string;
  /** `aws_s3_bucket.this`: what findings and acknowledgements name. */
  readonly address: string;
  readonly config: Readonly<Record<string, unknown>>;
}

export interface StackView {
  readonly resources: readonly TerraformResource[];
  readonly outputs: Readonly<Record<string, unknown>>;
  readonly locals: Readonly<Record<string, unknown>>;
  readonly dataSources: readonly TerraformResource[];
  /** A value that is exactly `${local.x}` replaced by the local's own value (repeatedly); others as they are. */
  resolveLocal(value: unknown): unknown;
  /** Resources of `type` whose `attribute` refers to `target` (e.g. the versioning of a bucket). */
  companionsOf(target: TerraformResource, type: string, attribute?: string): TerraformResource[];
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function entriesOf(section: unknown, kind: string): TerraformResource[] {
  if (!isRecord(section)) return [];
  const out: TerraformResource[] = [];
  for (const [type, byName] of Object.entries(section)) {
    if (!isRecord(byName)) continue;
    for (const [name, config] of Object.entries(byName)) {
      if (!isRecord(config)) continue;
      out.push({ type, name, address: `${kind}${type}.${name}`, config });
    }
  }
  return out;
}

export function stackView(terraform: object): StackView {
  const root = terraform as Record<string, unknown>;
  const resources = entriesOf(root.resource, "");
  const dataSources = entriesOf(root.data, "data.");
  const outputs = isRecord(root.output) ? root.output : {};
  const locals = isRecord(root.locals) ? root.locals : {};
  return {
    resources,
    dataSources,
    outputs,
    locals,
    resolveLocal(value) {
      let current = value;
      // Bounded: a local referring to itself must not loop forever.
      for (let depth = 0; depth < 10; depth++) {
        const match =
          typeof current === "string" ? /^\$\{local\.([A-Za-z_][A-Za-z0-9_-]*)\}$/.exec(current) : null;
        if (!match || !(match[1] in locals)) return current;
        current = locals[match[1]];
      }
      return current;
    },
    companionsOf(target, type, attribute = "bucket") {
      return resources.filter(
        (candidate) => candidate.type === type && refersTo(candidate.config[attribute], target),
      );
    },
  };
}

/**
 * Does a companion's attribute point at the target? Either a reference such as
 * `${aws_s3_bucket.this.id}` or the same literal/expression as the target's own name attribute.
 */
function refersTo(value: unknown, target: TerraformResource): boolean {
  if (typeof value !== "string") return false;
  if (value.includes(`${target.type}.${target.name}.`)) return true;
  const ownName = target.config.bucket ?? target.config.name;
  return typeof ownName === "string" && ownName === value;
}

/** Nested blocks are an object or a list of objects in JSON; this always gives the list. */
export function blocksOf(value: unknown): Record<string, unknown>[] {
  if (Array.isArray(value)) return value.filter(isRecord);
  return isRecord(value) ? [value] : [];
}

/** A literal `true` (or the string "true"); an expression is not proof, so it is not true. */
export function isLiteralTrue(value: unknown): boolean {
  return value === true || value === "true";
}

/** How a value looks in a finding. */
export function shown(value: unknown): string {
  return value === undefined ? "unset" : JSON.stringify(value);
}

/**
 * The values an attribute can take: the literal itself, or every quoted literal inside an
 * expression such as `${var.encryption == "kms" ? "aws:kms" : "AES256"}`. Undefined when an
 * expression contains no literal (e.g. `${var.algorithm}`): it cannot be checked.
 */
export function possibleStrings(value: unknown): string[] | undefined {
  if (typeof value !== "string") return undefined;
  if (!value.includes("${")) return [value];
  // Only the results of a conditional count, not the literals its condition compares with.
  const question = /^(?:[^"?]|"(?:[^"\\]|\\.)*")*\?/.exec(value);
  const source = question ? value.slice(question[0].length) : "";
  const literals = [...source.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((match) => match[1]);
  return literals.length ? literals : undefined;
}
