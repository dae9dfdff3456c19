import { canonicalJson } from "./module-interface";
import { subTree, type TreeSnapshot } from "./read-tree";

/** One permission: the answer to "what access does this grant" is a set of these rows. */
export interface PermissionRow {
  readonly effect: string;
  readonly action: string;
  readonly resource: string;
  /** Canonical JSON of the statement's Condition block, or "" when unconditional. */
  readonly condition: string;
}

export const rowKey = (row: PermissionRow): string =>
  `${row.effect}\u0000${row.action}\u0000${row.resource}\u0000${row.condition}`;

const asList = (value: unknown): string[] =>
  Array.isArray(value) ? value.map(String) : value === undefined ? [] : [String(value)];

/**
 * Expands a policy document into (action, resource, condition) rows. NotAction/NotResource keep
 * their meaning visible by a `NOT ` prefix; a principal (resource policies) is part of the resource.
 */
export function permissionRows(policyJson: string): PermissionRow[] {
  const document = JSON.parse(policyJson) as { Statement?: unknown };
  const statements = Array.isArray(document.Statement) ? document.Statement : [document.Statement];
  const rows: PermissionRow[] = [];
  for (const raw of statements) {
    if (raw === null || typeof raw !== "object") continue;
    const statement = raw as Record<string, unknown>;
    const actions = [...asList(statement.Action), ...asList(statement.NotAction).map((a) => `NOT ${a}`)];
    const resources = [
      ...asList(statement.Resource),
      ...asList(statement.NotResource).map((r) => `NOT ${r}`),
    ];
    const principal =
      statement.Principal === undefined ? "" : ` (principal ${canonicalJson(statement.Principal)})`;
    const condition = statement.Condition === undefined ? "" : canonicalJson(statement.Condition);
    for (const action of actions)
      for (const resource of resources.length ? resources : ["*"])
        rows.push({
          effect: String(statement.Effect ?? "Allow"),
          action,
          resource: resource + principal,
          condition,
        });
  }
  return rows;
}

/** Policy id (file name without .json) -> rows, for every file in policies/. */
export function policiesOf(tree: TreeSnapshot): Map<string, PermissionRow[]> {
  const policies = new Map<string, PermissionRow[]>();
  for (const [path, text] of subTree(tree, "policies")) {
    if (!path.endsWith(".json") || path.includes("/")) continue;
    policies.set(path.replace(/\.json$/, ""), permissionRows(text));
  }
  return policies;
}
