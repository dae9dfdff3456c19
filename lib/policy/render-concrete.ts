import { fillTemplate, wholeParam } from "../hcl/template";
import type { Guard, ParamValues, PolicyDocument, PolicyStatement, Principal } from "./model";

/** The AWS JSON shape of one statement. Keys are in AWS's conventional order. */
export interface ConcreteStatement {
  Sid: string;
  Effect: string;
  Principal?: "*" | { AWS?: string[]; Service?: string[] };
  Action: string[];
  /** Absent in a trust policy. */
  Resource?: string[];
  Condition?: Record<string, Record<string, string | string[]>>;
}

export interface ConcretePolicy {
  Version: "2012-10-17";
  Statement: ConcreteStatement[];
}

/** Does the guard hold for these values? */
export function guardHolds(guard: Guard, values: ParamValues): boolean {
  const value = values[guard.param];
  switch (guard.is) {
    case "set":
      return value !== null && value !== undefined;
    case "unset":
      return value === null || value === undefined;
    case "true":
      return value === true;
    case "false":
      return value === false;
  }
}

/** Renders a document for concrete values: the JSON AWS receives (docs, tests, modules-out/policies). */
export function renderConcrete(document: PolicyDocument, values: ParamValues): ConcretePolicy {
  const strings = stringValues(document, values);
  const lists = listValues(values);
  const fill = (templates: readonly string[]): string[] =>
    templates.flatMap((template) => {
      const whole = wholeParam(template);
      if (whole !== undefined && lists[whole] !== undefined) return [...lists[whole]];
      return [fillTemplate(template, strings)];
    });

  const statements = document.statements
    .filter((statement) => (statement.guards ?? []).every((guard) => guardHolds(guard, values)))
    .map((statement) => renderStatement(statement, fill, document.kind === "trust"));
  return { Version: "2012-10-17", Statement: statements };
}

function renderStatement(
  statement: PolicyStatement,
  fill: (templates: readonly string[]) => string[],
  trust: boolean,
): ConcreteStatement {
  // Key order as AWS documents it: Sid, Effect, Principal, Action, Resource, Condition.
  return {
    Sid: statement.sid,
    Effect: statement.effect,
    ...(statement.principal !== undefined ? { Principal: renderPrincipal(statement.principal, fill) } : {}),
    Action: [...statement.actions],
    // A trust policy has no Resource: the role it belongs to is the resource.
    ...(trust ? {} : { Resource: fill(statement.resources) }),
    ...conditionOf(statement, fill),
  };
}

function renderPrincipal(
  principal: Principal,
  fill: (templates: readonly string[]) => string[],
): ConcreteStatement["Principal"] {
  if (principal === "*") return "*";
  const out: { AWS?: string[]; Service?: string[] } = {};
  if (principal.AWS) out.AWS = fill(principal.AWS);
  if (principal.Service) out.Service = fill(principal.Service);
  return out;
}

function conditionOf(
  statement: PolicyStatement,
  fill: (templates: readonly string[]) => string[],
): Pick<ConcreteStatement, "Condition"> {
  if (!statement.conditions) return {};
  const condition: Record<string, Record<string, string | string[]>> = {};
  for (const [operator, entries] of Object.entries(statement.conditions)) {
    condition[operator] = {};
    for (const [key, value] of Object.entries(entries)) {
      condition[operator][key] = typeof value === "string" ? fill([value])[0] : fill(value);
    }
  }
  return { Condition: condition };
}

function stringValues(document: PolicyDocument, values: ParamValues): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(values)) {
    if (typeof value === "string") out[name] = value;
  }
  for (const name of Object.keys(document.params)) {
    if (!(name in values)) throw new Error(`Policy "${document.id}" needs a value for parameter "${name}".`);
  }
  return out;
}

function listValues(values: ParamValues): Record<string, readonly string[]> {
  const out: Record<string, readonly string[]> = {};
  for (const [name, value] of Object.entries(values)) {
    if (Array.isArray(value)) out[name] = value as readonly string[];
  }
  return out;
}

/** Size as IAM counts it for managed policies: characters of the JSON without whitespace. */
export function policySize(policy: ConcretePolicy): number {
  return JSON.stringify(policy).replace(/\s+/g, "").length;
}
