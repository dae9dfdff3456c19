import { isAttachedPolicy, type ModulePermissions } from "./module-permissions";
import { rowKey, type PermissionRow } from "./policy-rows";

/** How the rows of one policy of one module changed (the union of its split documents). */
export interface PermissionChange {
  readonly module: string;
  /** `output.<name>` or `<type>.<name>.<attribute>`. */
  readonly address: string;
  /** An output consumers attach to their own principals (rather than a policy the module applies). */
  readonly attached: boolean;
  /** The probes (`hcl, required inputs`) that see this change; undefined when all of them do. */
  readonly probes?: readonly string[];
  readonly added: readonly PermissionRow[];
  readonly removed: readonly PermissionRow[];
}

export interface PermissionDiff {
  readonly changes: readonly PermissionChange[];
  /** Why some permissions could not be compared (one line each); never silently empty. */
  readonly problems: readonly string[];
}

const NO_PERMISSIONS: ModulePermissions = new Map();

/** Row differences, each row once. */
export function diffRows(
  before: readonly PermissionRow[],
  after: readonly PermissionRow[],
): { added: PermissionRow[]; removed: PermissionRow[] } {
  const beforeKeys = new Set(before.map(rowKey));
  const afterKeys = new Set(after.map(rowKey));
  const unique = (rows: readonly PermissionRow[]): PermissionRow[] => [
    ...new Map(rows.map((row) => [rowKey(row), row])).values(),
  ];
  return {
    added: unique(after.filter((row) => !beforeKeys.has(rowKey(row)))),
    removed: unique(before.filter((row) => !afterKeys.has(rowKey(row)))),
  };
}

/**
 * Compares each module's policies between two trees, probe by probe. A change every probe sees is
 * reported once; otherwise once per group of probes that see the same change.
 */
export function diffPermissions(
  before: ReadonlyMap<string, ModulePermissions>,
  after: ReadonlyMap<string, ModulePermissions>,
  modules: readonly string[],
): PermissionDiff {
  const changes: PermissionChange[] = [];
  const problems = new Set<string>();
  for (const module of modules) {
    const old = before.get(module) ?? NO_PERMISSIONS;
    const current = after.get(module) ?? NO_PERMISSIONS;
    const probes = [...new Set([...old.keys(), ...current.keys()])];
    const comparable: string[] = [];
    for (const probe of probes) {
      const failed = [old.get(probe), current.get(probe)].filter((e) => e && !e.ok);
      for (const evaluation of failed) if (evaluation && !evaluation.ok) problems.add(evaluation.error);
      if (failed.length === 0) comparable.push(probe);
    }
    const familiesOf = (permissions: ModulePermissions, probe: string) => {
      const evaluation = permissions.get(probe);
      return evaluation?.ok ? evaluation.families : new Map<string, readonly PermissionRow[]>();
    };
    const addresses = new Set(
      comparable.flatMap((probe) => [...familiesOf(old, probe).keys(), ...familiesOf(current, probe).keys()]),
    );
    for (const address of [...addresses].sort()) {
      const groups = new Map<
        string,
        { probes: string[]; added: PermissionRow[]; removed: PermissionRow[] }
      >();
      for (const probe of comparable) {
        const rows = diffRows(
          familiesOf(old, probe).get(address) ?? [],
          familiesOf(current, probe).get(address) ?? [],
        );
        if (rows.added.length + rows.removed.length === 0) continue;
        const key = JSON.stringify([rows.added.map(rowKey), rows.removed.map(rowKey)]);
        const group = groups.get(key) ?? { probes: [], ...rows };
        group.probes.push(probe);
        groups.set(key, group);
      }
      for (const group of groups.values())
        changes.push({
          module,
          address,
          attached: isAttachedPolicy(address),
          ...(group.probes.length === probes.length ? {} : { probes: group.probes }),
          added: group.added,
          removed: group.removed,
        });
    }
  }
  return { changes, problems: [...problems] };
}
