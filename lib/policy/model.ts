import type { PolicyKind } from "../iam/policy-kind";

/**
 * The policy model: statements whose strings are templates (see template.ts). A document is data;
 * renderers turn it into concrete JSON or into a Terraform `jsonencode(...)` expression.
 */
export type Effect = "Allow" | "Deny";

/** A condition operator (e.g. `StringEquals`) -> condition key -> template value(s). */
export type ConditionBlock = Readonly<Record<string, Readonly<Record<string, string | readonly string[]>>>>;

/** Who a resource-policy statement applies to. `"*"` means anyone (only ever used with Deny). */
export type Principal = "*" | { readonly AWS?: readonly string[]; readonly Service?: readonly string[] };

/**
 * Includes a statement only when a parameter has a state, so that one document serves every
 * configuration (e.g. the KMS statement only when `kms_key_arn` is set).
 */
export interface Guard {
  readonly param: string;
  readonly is: "set" | "unset" | "true" | "false";
}

export interface PolicyStatement {
  /** Unique within the document; validation errors name it. */
  readonly sid: string;
  readonly effect: Effect;
  readonly actions: readonly string[];
  /**
   * ARN templates. A template that is exactly `{list_param}` expands to that list. Empty in a trust
   * policy, which has no `Resource` (the role it is attached to is the resource).
   */
  readonly resources: readonly string[];
  /** Only for resource policies (bucket, key) and trust policies. */
  readonly principal?: Principal;
  readonly conditions?: ConditionBlock;
  /** Every guard must hold for the statement to be included. */
  readonly guards?: readonly Guard[];
}

/** How a parameter looks, for documentation, validation and the worst-case size check. */
export interface ParamSpec {
  readonly type: "string" | "list" | "bool";
  /** May be null (optional ARNs). */
  readonly nullable?: boolean;
  /** The longest value the module's variable validation allows (strings) or a worst-case list. */
  readonly longest: string | readonly string[] | boolean;
}

export interface PolicyDocument {
  /** File-name-safe identifier, e.g. `state-runtime`. */
  readonly id: string;
  /** One line: what the policy grants and to whom. */
  readonly description: string;
  /** Where it is attached (principal, bucket, key, role trust): decides its rules and size limit. */
  readonly kind: PolicyKind;
  readonly params: Readonly<Record<string, ParamSpec>>;
  readonly statements: readonly PolicyStatement[];
}

/** Concrete values for a document's parameters. */
export type ParamValues = Readonly<Record<string, string | readonly string[] | boolean | null>>;

/** Freezes a document deeply: once defined, nothing may edit it behind a renderer's back. */
export function definePolicy(document: PolicyDocument): PolicyDocument {
  return deepFreeze(document);
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value as Record<string, unknown>)) deepFreeze(inner);
  }
  return value;
}

/** The worst-case values: every string at its longest, every optional thing present. */
export function longestValues(document: PolicyDocument): ParamValues {
  const values: Record<string, string | readonly string[] | boolean> = {};
  for (const [name, spec] of Object.entries(document.params)) values[name] = spec.longest;
  return values;
}
