import { isRecord } from "./stack-view";
import type { PolicyDocument, PolicyStatement } from "../policy/model";

/**
 * One statement as the rules see it, whatever it was read from (registered PolicyDocument, JSON,
 * `aws_iam_policy_document` data source). Strings may contain `${var.x}` interpolations (a module
 * parameter); a field that could not be read at all is listed in `unknown`.
 */
export interface AnalysedStatement {
  readonly sid?: string;
  readonly effect: "Allow" | "Deny" | "unknown";
  readonly actions: readonly string[];
  readonly notActions: readonly string[];
  readonly resources: readonly string[];
  readonly notResources: readonly string[];
  /** Principals by type (`AWS`, `Service`, `Federated`, `*` for `Principal: "*"`); undefined when absent. */
  readonly principals?: Readonly<Record<string, readonly string[]>>;
  readonly notPrincipals?: Readonly<Record<string, readonly string[]>>;
  /** operator -> key -> values. */
  readonly conditions: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;
  /** Fields (e.g. `Resource`) whose value is an expression that could not be evaluated. */
  readonly unknown: readonly string[];
}

export function statementLabel(statement: AnalysedStatement, index: number): string {
  return statement.sid ? `statement "${statement.sid}"` : `statement #${index + 1}`;
}

/** A list field: a string or list of strings; undefined when it is anything else. */
function stringList(value: unknown): string[] | undefined {
  if (value === undefined || value === null) return [];
  if (typeof value === "string") return [value];
  if (Array.isArray(value) && value.every((item) => typeof item === "string")) return value as string[];
  return undefined;
}

function principalsOf(value: unknown, field: string, unknown: string[]) {
  if (value === undefined) return undefined;
  if (value === "*") return { "*": ["*"] };
  if (!isRecord(value)) {
    unknown.push(field);
    return {};
  }
  const out: Record<string, string[]> = {};
  for (const [type, ids] of Object.entries(value)) {
    const list = stringList(ids);
    if (list === undefined) unknown.push(`${field}.${type}`);
    else out[type] = list;
  }
  return out;
}

function conditionsOf(value: unknown, unknown: string[]) {
  const out: Record<string, Record<string, string[]>> = {};
  if (value === undefined || value === null) return out;
  if (!isRecord(value)) {
    unknown.push("Condition");
    return out;
  }
  for (const [operator, entries] of Object.entries(value)) {
    if (!isRecord(entries)) {
      unknown.push(`Condition.${operator}`);
      continue;
    }
    out[operator] = {};
    for (const [key, values] of Object.entries(entries)) {
      const list = stringList(typeof values === "boolean" ? String(values) : values);
      out[operator][key] = list ?? [];
      if (list === undefined) unknown.push(`Condition.${operator}.${key}`);
    }
  }
  return out;
}

/** Reads one AWS-JSON-shaped statement. */
export function statementFromJson(value: unknown): AnalysedStatement | undefined {
  if (!isRecord(value)) return undefined;
  const raw = value;
  const unknown: string[] = [];
  const list = (field: string): string[] => {
    const result = stringList(raw[field]);
    if (result === undefined) unknown.push(field);
    return result ?? [];
  };
  const effect = raw.Effect === "Allow" || raw.Effect === "Deny" ? raw.Effect : "unknown";
  return {
    sid: typeof raw.Sid === "string" ? raw.Sid : undefined,
    effect,
    actions: list("Action"),
    notActions: list("NotAction"),
    resources: list("Resource"),
    notResources: list("NotResource"),
    principals: principalsOf(raw.Principal, "Principal", unknown),
    notPrincipals: principalsOf(raw.NotPrincipal, "NotPrincipal", unknown),
    conditions: conditionsOf(raw.Condition, unknown),
    unknown,
  };
}

/** Statements of a policy document value; undefined when the Statement list itself is unknown. */
export function statementsFromJson(document: unknown): AnalysedStatement[] | undefined {
  if (!isRecord(document)) return undefined;
  const statement = document.Statement;
  const items: unknown[] | undefined = Array.isArray(statement)
    ? statement
    : isRecord(statement)
      ? [statement]
      : undefined;
  if (!items) return undefined;
  const out: AnalysedStatement[] = [];
  for (const item of items) {
    const parsed = statementFromJson(item);
    if (!parsed) return undefined;
    out.push(parsed);
  }
  return out;
}

/** `{param}` placeholders read as module variables, so registered and parsed policies look alike. */
function asVariables(template: string): string {
  return template.replace(/\{([a-z][a-z0-9_]*)\}/g, (_whole, name: string) => `\${var.${name}}`);
}

/**
 * Statements of a registered PolicyDocument. Every guarded statement is included (a rule must hold
 * in every configuration); a whole list parameter (e.g. `{trusted_principal_arns}`) stays a
 * `${var.x}` entry, which rules treat as caller-supplied.
 */
export function statementsFromDocument(document: PolicyDocument): AnalysedStatement[] {
  return document.statements.map((statement: PolicyStatement) => {
    const principals =
      statement.principal === undefined
        ? undefined
        : statement.principal === "*"
          ? { "*": ["*"] }
          : Object.fromEntries(
              Object.entries(statement.principal).map(([type, ids]) => [
                type,
                (ids as string[]).map(asVariables),
              ]),
            );
    const conditions: Record<string, Record<string, string[]>> = {};
    for (const [operator, entries] of Object.entries(statement.conditions ?? {})) {
      conditions[operator] = {};
      for (const [key, values] of Object.entries(entries)) {
        conditions[operator][key] = (typeof values === "string" ? [values] : [...values]).map(asVariables);
      }
    }
    return {
      sid: statement.sid,
      effect: statement.effect,
      actions: statement.actions,
      notActions: [],
      resources: statement.resources.map(asVariables),
      notResources: [],
      principals,
      conditions,
      unknown: [],
    };
  });
}

/** Statements of an `aws_iam_policy_document` data source's `statement` blocks. */
export function statementsFromPolicyDocumentData(
  config: Readonly<Record<string, unknown>>,
): AnalysedStatement[] {
  const blocks = Array.isArray(config.statement)
    ? config.statement
    : isRecord(config.statement)
      ? [config.statement]
      : [];
  return blocks.filter(isRecord).map((block) => {
    const unknown: string[] = [];
    const strings = (field: string): string[] => {
      const value = block[field];
      if (value === undefined) return [];
      if (Array.isArray(value) && value.every((item) => typeof item === "string")) return value as string[];
      unknown.push(field);
      return [];
    };
    const principalBlocks = (field: string) => {
      const value = block[field];
      if (value === undefined) return undefined;
      const out: Record<string, string[]> = {};
      for (const entry of (Array.isArray(value) ? value : [value]).filter(isRecord)) {
        const ids = Array.isArray(entry.identifiers) ? entry.identifiers.map(String) : [];
        const type = String(entry.type);
        out[type] = [...(out[type] ?? []), ...ids];
      }
      return out;
    };
    const conditions: Record<string, Record<string, string[]>> = {};
    const conditionBlocks = Array.isArray(block.condition)
      ? block.condition
      : isRecord(block.condition)
        ? [block.condition]
        : [];
    for (const condition of conditionBlocks.filter(isRecord)) {
      const operator = String(condition.test);
      conditions[operator] = {
        ...conditions[operator],
        [String(condition.variable)]: Array.isArray(condition.values) ? condition.values.map(String) : [],
      };
    }
    return {
      sid: typeof block.sid === "string" ? block.sid : undefined,
      effect: block.effect === "Deny" ? "Deny" : "Allow",
      actions: strings("actions"),
      notActions: strings("not_actions"),
      resources: strings("resources"),
      notResources: strings("not_resources"),
      principals: principalBlocks("principals"),
      notPrincipals: principalBlocks("not_principals"),
      conditions,
      unknown,
    };
  });
}
