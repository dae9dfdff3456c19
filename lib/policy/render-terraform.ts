import { templateToHcl, wholeParam } from "../hcl/template";
import type { Guard, PolicyDocument, PolicyStatement } from "./model";

/**
 * How a module refers to a parameter: an HCL expression such as `var.bucket_name`. `list` marks a
 * list-valued parameter (e.g. trusted principal ARNs) that a whole-placeholder entry expands to.
 */
export interface ParamBinding {
  readonly expression: string;
  readonly list?: boolean;
}

/**
 * Renders a document as a Terraform expression `jsonencode({...})` over variables and locals only,
 * so a module needs no provider and Terraform itself can evaluate it offline. Guarded statements
 * become `cond ? [stmt] : []` inside `concat(...)`.
 */
export function renderTerraformExpression(
  document: PolicyDocument,
  bindings: Readonly<Record<string, ParamBinding>>,
): string {
  for (const name of Object.keys(document.params)) {
    if (!bindings[name]) throw new Error(`Policy "${document.id}" needs a Terraform binding for "${name}".`);
  }
  const expressions: Record<string, string> = {};
  for (const [name, binding] of Object.entries(bindings)) expressions[name] = binding.expression;

  const list = (templates: readonly string[]): string => {
    const parts: string[] = [];
    let literals: string[] = [];
    for (const template of templates) {
      const whole = wholeParam(template);
      if (whole !== undefined && bindings[whole]?.list) {
        if (literals.length) parts.push(`[${literals.join(", ")}]`);
        literals = [];
        parts.push(bindings[whole].expression);
      } else {
        literals.push(templateToHcl(template, expressions));
      }
    }
    if (parts.length === 0) return `[${literals.join(", ")}]`;
    if (literals.length) parts.push(`[${literals.join(", ")}]`);
    return parts.length === 1 ? parts[0] : `concat(${parts.join(", ")})`;
  };

  const statement = (s: PolicyStatement): string => {
    const fields = [`"Sid" = ${templateToHcl(s.sid, expressions)}`, `"Effect" = "${s.effect}"`];
    if (s.principal !== undefined) {
      if (s.principal === "*") fields.push(`"Principal" = "*"`);
      else {
        const principal: string[] = [];
        if (s.principal.AWS) principal.push(`"AWS" = ${list(s.principal.AWS)}`);
        if (s.principal.Service) principal.push(`"Service" = ${list(s.principal.Service)}`);
        fields.push(`"Principal" = {${principal.join(", ")}}`);
      }
    }
    fields.push(`"Action" = ${list(s.actions)}`);
    // A trust policy has no Resource: the role it belongs to is the resource.
    if (document.kind !== "trust") fields.push(`"Resource" = ${list(s.resources)}`);
    if (s.conditions) {
      const operators = Object.entries(s.conditions).map(([operator, entries]) => {
        const keys = Object.entries(entries).map(
          ([key, value]) =>
            `"${key}" = ${typeof value === "string" ? templateToHcl(value, expressions) : list(value)}`,
        );
        return `"${operator}" = {${keys.join(", ")}}`;
      });
      fields.push(`"Condition" = {${operators.join(", ")}}`);
    }
    return `{${fields.join(", ")}}`;
  };

  const guardExpression = (guards: readonly Guard[]): string =>
    guards
      .map((guard) => {
        const expression = bindings[guard.param]?.expression;
        if (!expression) throw new Error(`Guard on unknown parameter "${guard.param}" in "${document.id}".`);
        switch (guard.is) {
          case "set":
            return `${expression} != null`;
          case "unset":
            return `${expression} == null`;
          case "true":
            return expression;
          case "false":
            return `!${expression}`;
        }
      })
      .join(" && ");

  // A guard on a literal `true`/`false` binding is decided here, so no dead `false ? [...] : []`
  // reaches a module (e.g. an option a module does not offer, bound to "false").
  const literalGuard = (guard: Guard): boolean | undefined => {
    const expression = bindings[guard.param]?.expression;
    if (expression !== "true" && expression !== "false") return undefined;
    if (guard.is === "true") return expression === "true";
    if (guard.is === "false") return expression === "false";
    return guard.is === "set";
  };

  // Consecutive unguarded statements share one list literal; each guarded one is a conditional list.
  const chunks: string[] = [];
  let plain: string[] = [];
  for (const s of document.statements) {
    const decided = (s.guards ?? []).map(literalGuard);
    if (decided.includes(false)) continue;
    const open = (s.guards ?? []).filter((_, index) => decided[index] === undefined);
    if (open.length === 0) {
      plain.push(statement(s));
      continue;
    }
    if (plain.length) chunks.push(`[${plain.join(", ")}]`);
    plain = [];
    chunks.push(`${guardExpression(open)} ? [${statement(s)}] : []`);
  }
  if (plain.length) chunks.push(`[${plain.join(", ")}]`);
  const statements = chunks.length === 1 ? chunks[0] : `concat(${chunks.join(", ")})`;
  return `jsonencode({"Version" = "2012-10-17", "Statement" = ${statements}})`;
}
