import {
  statementsFromDocument,
  statementsFromJson,
  statementsFromPolicyDocumentData,
  type AnalysedStatement,
} from "./policy-statements";
import { isRecord, type StackView } from "./stack-view";
import type { PolicyDocument } from "../policy/model";
import type { PolicyKind } from "../iam/policy-kind";

export interface AnalysedPolicy {
  /** Attribute address, e.g. `aws_iam_role.this.assume_role_policy` or `output.runtime_policy_json`. */
  readonly address: string;
  /** Address of the resource (or output/local) holding it: what findings name. */
  readonly owner: string;
  readonly kind: PolicyKind;
  readonly origin: "registered" | "json" | "data source" | "expression";
  /** Undefined when the policy could not be read; `note` says why. */
  readonly statements?: readonly AnalysedStatement[];
  readonly note?: string;
}

/** Attributes that hold policies, per resource type. */
const POLICY_ATTRIBUTES: Readonly<Record<string, readonly { attribute: string; kind: PolicyKind }[]>> = {
  aws_iam_policy: [{ attribute: "policy", kind: "identity" }],
  aws_iam_role_policy: [{ attribute: "policy", kind: "identity" }],
  aws_iam_user_policy: [{ attribute: "policy", kind: "identity" }],
  aws_iam_group_policy: [{ attribute: "policy", kind: "identity" }],
  aws_iam_role: [{ attribute: "assume_role_policy", kind: "trust" }],
  aws_s3_bucket_policy: [{ attribute: "policy", kind: "bucket" }],
  aws_kms_key: [{ attribute: "policy", kind: "key" }],
  aws_kms_key_policy: [{ attribute: "policy", kind: "key" }],
};

type Read = Pick<AnalysedPolicy, "origin" | "statements" | "note">;

const shorten = (text: string): string => (text.length > 80 ? `${text.slice(0, 77)}...` : text);
const DATA_DOCUMENT = /^\$\{data\.aws_iam_policy_document\.([A-Za-z_][A-Za-z0-9_-]*)\.json\}$/;

/**
 * Reads a policy attribute that no construct registered: JSON text, a JSON object, or a reference
 * to an `aws_iam_policy_document` data source. Any other expression is not evaluated here: the
 * policy is reported unreadable (and so fails the pack) rather than guessed at.
 */
export function readPolicyValue(value: unknown, stack: StackView): Read {
  if (isRecord(value)) {
    const statements = statementsFromJson(value);
    return statements
      ? { origin: "json", statements }
      : { origin: "json", note: "the policy object has no readable Statement list" };
  }
  if (typeof value !== "string") return { origin: "json", note: "the policy is not a string" };
  const data = DATA_DOCUMENT.exec(value);
  if (data) {
    const source = stack.dataSources.find(
      (candidate) => candidate.address === `data.aws_iam_policy_document.${data[1]}`,
    );
    return source
      ? { origin: "data source", statements: statementsFromPolicyDocumentData(source.config) }
      : { origin: "data source", note: `the data source it refers to is missing: ${shorten(value)}` };
  }
  try {
    // JSON text; its strings may interpolate (`"${aws_s3_bucket.this.arn}/*"`), as module parameters do.
    const statements = statementsFromJson(JSON.parse(value) as unknown);
    if (statements) return { origin: "json", statements };
  } catch {
    if (value.includes("${")) {
      return {
        origin: "expression",
        note: `the policy is an expression no construct registered (register its PolicyDocument with registerPolicy): ${shorten(value)}`,
      };
    }
  }
  return { origin: "json", note: `the policy text is not a JSON policy document: ${shorten(value)}` };
}

const ASSUME_ROLE = /^sts:AssumeRole/i;

function looksLikePolicy(value: unknown): boolean {
  return typeof value === "string" && value.includes("Statement");
}

function ownerOf(address: string): string {
  return address.startsWith("output.") || address.startsWith("local.")
    ? address
    : address.split(".").slice(0, 2).join(".");
}

/** Policies held by resource attributes (including a role's inline policies). */
function resourcePolicies(stack: StackView): Array<{ address: string; kind: PolicyKind; value: unknown }> {
  const found: Array<{ address: string; kind: PolicyKind; value: unknown }> = [];
  for (const resource of stack.resources) {
    for (const { attribute, kind } of POLICY_ATTRIBUTES[resource.type] ?? []) {
      const value = resource.config[attribute];
      if (value !== undefined) found.push({ address: `${resource.address}.${attribute}`, kind, value });
    }
    if (resource.type !== "aws_iam_role") continue;
    const inline = resource.config.inline_policy;
    (Array.isArray(inline) ? inline : [inline]).filter(isRecord).forEach((block, index) => {
      if (block.policy !== undefined)
        found.push({
          address: `${resource.address}.inline_policy[${index}]`,
          kind: "identity",
          value: block.policy,
        });
    });
  }
  return found;
}

/** Every policy in a stack; a registered document replaces what would be read at the same address. */
export function policiesOf(
  stack: StackView,
  registered: ReadonlyMap<string, readonly PolicyDocument[]> = new Map(),
): AnalysedPolicy[] {
  const found = new Map<string, AnalysedPolicy>();
  const add = (address: string, kind: PolicyKind, value: unknown) =>
    found.set(address, { address, owner: ownerOf(address), kind, ...readPolicyValue(value, stack) });

  for (const { address, kind, value } of resourcePolicies(stack)) add(address, kind, value);
  // Provider-free modules hand policies out as outputs (or build them in locals).
  for (const [name, output] of Object.entries(stack.outputs)) {
    const value = isRecord(output) ? output.value : undefined;
    if (looksLikePolicy(value)) add(`output.${name}`, "identity", value);
  }
  for (const [name, value] of Object.entries(stack.locals)) {
    if (looksLikePolicy(value)) add(`local.${name}`, "identity", value);
  }
  for (const [address, documents] of registered) {
    found.set(address, {
      address,
      owner: ownerOf(address),
      kind: documents[0]?.kind ?? "identity",
      origin: "registered",
      statements: documents.flatMap(statementsFromDocument),
    });
  }
  // A JSON output that turns out to hold a trust policy is checked as one.
  return [...found.values()].map((policy) =>
    policy.kind === "identity" &&
    policy.origin !== "registered" &&
    policy.statements?.some((s) => s.actions.some((a) => ASSUME_ROLE.test(a)) && s.principals)
      ? { ...policy, kind: "trust" as const }
      : policy,
  );
}
