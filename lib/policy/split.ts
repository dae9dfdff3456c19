import { definePolicy, longestValues, type PolicyDocument, type PolicyStatement } from "./model";
import { policySize, renderConcrete } from "./render-concrete";
import { placeholdersOf } from "../hcl/template";
import { POLICY_SIZE_LIMITS } from "../iam/policy-kind";

/**
 * Splits a document's statements into as few documents as fit the managed-policy size limit,
 * each statement sized with the longest values the variables allow (so every split still fits
 * whatever the user passes). First-fit decreasing packing; statements keep their order inside a
 * document, so the split is deterministic.
 */
export function splitPolicy(
  document: PolicyDocument,
  limit: number = POLICY_SIZE_LIMITS.identity,
): PolicyDocument[] {
  const values = longestValues(document);
  const empty = policySize(renderConcrete({ ...document, statements: [] }, values));
  // Guards ignored: a statement that holds only when a parameter is null (which the longest values
  // never are) still takes its room in the part it lands in.
  const sizeOf = (statement: PolicyStatement): number =>
    policySize(renderConcrete({ ...document, statements: [{ ...statement, guards: [] }] }, values)) - empty;

  const sized = document.statements.map((statement, index) => ({
    statement,
    index,
    size: sizeOf(statement),
  }));
  const bins: Array<{ items: typeof sized; size: number }> = [];
  for (const item of [...sized].sort((a, b) => b.size - a.size || a.index - b.index)) {
    if (empty + item.size > limit) {
      throw new Error(
        `Statement "${item.statement.sid}" of "${document.id}" alone is ${empty + item.size} characters, over the ${limit} limit.`,
      );
    }
    // A comma separates statements in the Statement array.
    const bin = bins.find((candidate) => empty + candidate.size + 1 + item.size <= limit);
    if (bin) {
      bin.items.push(item);
      bin.size += item.size + 1;
    } else bins.push({ items: [item], size: item.size });
  }
  const ordered = bins
    .map((bin) => bin.items.sort((a, b) => a.index - b.index))
    .sort((a, b) => a[0].index - b[0].index);
  if (ordered.length === 1) return [document];
  return ordered.map((items, n) => {
    const statements = items.map((item) => item.statement);
    const used = new Set([
      ...statements.flatMap(templatesOfStatement).flatMap(placeholdersOf),
      ...statements.flatMap((statement) => (statement.guards ?? []).map((guard) => guard.param)),
    ]);
    const params = Object.fromEntries(Object.entries(document.params).filter(([name]) => used.has(name)));
    return definePolicy({
      ...document,
      id: `${document.id}-${n + 1}`,
      description: `${document.description} (part ${n + 1} of ${ordered.length})`,
      params,
      statements,
    });
  });
}

function templatesOfStatement(statement: PolicyStatement): string[] {
  const conditionValues = Object.values(statement.conditions ?? {}).flatMap((entries) =>
    Object.values(entries).flatMap((value) => (typeof value === "string" ? [value] : [...value])),
  );
  const principal =
    statement.principal && statement.principal !== "*"
      ? [...(statement.principal.AWS ?? []), ...(statement.principal.Service ?? [])]
      : [];
  return [statement.sid, ...statement.resources, ...principal, ...conditionValues];
}
