import { parseHclExpression, UnknownValue, wholeInterpolation, type HclValue } from "./hcl-expression";
import {
  statementsFromDocument,
  statementsFromJson,
  statementsFromPolicyDocumentData,
  type AnalysedStatement,
} from "./policy-statements";
import { isRecord, type StackView } from "./stack-view";
import type { PolicyDocument } from "../policy/model";

/** Where a policy applies: on a principal, or on a bucket, a key, or a role (trust). */
export type PolicyKind = "identity" | "bucket" | "key" | "trust" | "resource";

export interface AnalysedPolicy {
  /** Attribute address, e.g. `aws_iam_role.this.assume_role_policy` or `output.runtime_policy_json`. */
  readonly address: string;
  /** Address of the resource (or output/local) holding it: what findings name. */
  readonly owner: string;
  readonly kind: PolicyKind;
  readonly origin: "registered" | "json" | "jsonencode" | "data source";
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

/** Reads a policy attribute's value: JSON text, `${jsonencode(...)}`, or a policy-document data source. */
export function readPolicyValue(value: unknown, stack: StackView): Read {
  if (isRecord(value)) {
    const statements = statementsFromJson(value as HclValue);
    return statements
      ? { origin: "json", statements }
      : { origin: "json", note: "the policy object has no readable Statement list" };
  }
  if (typeof value !== "string") return { origin: "json", note: "the policy is not a string" };
  const expression = wholeInterpolation(value);
  if (expression === undefined) {
    try {
      const statements = statementsFromJson(JSON.parse(value) as HclValue);
      if (statements) return { origin: "json", statements };
    } catch {
      // falls through to the note below
    }
    return { origin: "json", note: `the policy text is neither JSON nor one expression: ${shorten(value)}` };
  }
  let parsed: HclValue;
  try {
    parsed = parseHclExpression(expression);
  } catch (error) {
    return {
      origin: "jsonencode",
      note: `the expression could not be read (${(error as Error).message}): ${shorten(expression)}`,
    };
  }
  if (parsed instanceof UnknownValue) {
    const data = /^data\.aws_iam_policy_document\.([A-Za-z_][A-Za-z0-9_-]*)\.json$/.exec(parsed.text);
    const source =
      data &&
      stack.dataSources.find((candidate) => candidate.address === `data.aws_iam_policy_document.${data[1]}`);
    if (source) return { origin: "data source", statements: statementsFromPolicyDocumentData(source.config) };
    return {
      origin: "jsonencode",
      note: `the policy comes from an expression that cannot be evaluated here: ${shorten(parsed.text)}`,
    };
  }
  // A list of documents (a policy split to fit the size limit) is judged as their union.
  const documents = Array.isArray(parsed) ? (parsed as HclValue[]) : [parsed];
  const parts = documents.map((document) => statementsFromJson(document));
  const statements = parts.every((part) => part !== undefined) ? parts.flat() : undefined;
  return statements
    ? { origin: "jsonencode", statements }
    : { origin: "jsonencode", note: `the Statement list is computed at plan time: ${shorten(expression)}` };
}

const ASSUME_ROLE = /^sts:AssumeRole/i;

function kindOfRegistered(address: string, document: PolicyDocument): PolicyKind {
  if (document.kind === "identity") return "identity";
  if (address.endsWith(".assume_role_policy")) return "trust";
  if (address.startsWith("aws_s3_bucket_policy.")) return "bucket";
  if (address.startsWith("aws_kms_key")) return "key";
  const trusts = document.statements.some((statement) =>
    statement.actions.some((action) => ASSUME_ROLE.test(action)),
  );
  return trusts ? "trust" : "resource";
}

function looksLikePolicy(value: unknown): boolean {
  return typeof value === "string" && value.includes("Statement");
}

function ownerOf(address: string): string {
  return address.startsWith("output.") || address.startsWith("local.")
    ? address
    : address.split(".").slice(0, 2).join(".");
}

/** Every policy in a stack; a registered document replaces what was parsed at the same address. */
export function policiesOf(
  stack: StackView,
  registered: ReadonlyMap<string, PolicyDocument> = new Map(),
): AnalysedPolicy[] {
  const found = new Map<string, AnalysedPolicy>();
  const add = (address: string, kind: PolicyKind, value: unknown) =>
    found.set(address, { address, owner: ownerOf(address), kind, ...readPolicyValue(value, stack) });

  for (const resource of stack.resources) {
    for (const { attribute, kind } of POLICY_ATTRIBUTES[resource.type] ?? []) {
      if (resource.config[attribute] !== undefined)
        add(`${resource.address}.${attribute}`, kind, resource.config[attribute]);
    }
    if (resource.type === "aws_iam_role") {
      const inline = Array.isArray(resource.config.inline_policy)
        ? resource.config.inline_policy
        : [resource.config.inline_policy];
      inline.filter(isRecord).forEach((block, index) => {
        if (block.policy !== undefined)
          add(`${resource.address}.inline_policy[${index}]`, "identity", block.policy);
      });
    }
  }
  // Provider-free modules hand policies out as outputs (or build them in locals).
  for (const [name, output] of Object.entries(stack.outputs)) {
    const value = isRecord(output) ? output.value : undefined;
    if (looksLikePolicy(value)) add(`output.${name}`, "identity", value);
  }
  for (const [name, value] of Object.entries(stack.locals)) {
    if (looksLikePolicy(value)) add(`local.${name}`, "identity", value);
  }
  for (const [address, document] of registered) {
    found.set(address, {
      address,
      owner: ownerOf(address),
      kind: kindOfRegistered(address, document),
      origin: "registered",
      statements: statementsFromDocument(document),
    });
  }
  // A parsed output that turns out to hold a trust policy is checked as one.
  return [...found.values()].map((policy) =>
    policy.kind === "identity" &&
    policy.origin !== "registered" &&
    policy.statements?.some((s) => s.actions.some((a) => ASSUME_ROLE.test(a)) && s.principals)
      ? { ...policy, kind: "trust" as const }
      : policy,
  );
}
