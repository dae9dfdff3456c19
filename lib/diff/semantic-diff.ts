import { moduleInterface, moduleNames, type ModuleInterface, type VariableSpec } from "./module-interface";
import { policiesOf, rowKey, type PermissionRow } from "./policy-rows";
import type { PermissionDiff } from "./permission-diff";
import { subTree, type TreeSnapshot } from "./read-tree";

export interface FieldChange {
  readonly field: "type" | "default" | "required";
  readonly before: string;
  readonly after: string;
}

export interface ResourceRename {
  readonly from: string;
  readonly to: string;
}

/** How one module's interface and resources changed. Empty arrays mean "no such change". */
export interface ModuleSemanticDiff {
  readonly module: string;
  readonly variablesAdded: ReadonlyArray<{ readonly name: string; readonly spec: VariableSpec }>;
  readonly variablesRemoved: readonly string[];
  readonly variablesChanged: ReadonlyArray<{
    readonly name: string;
    readonly changes: readonly FieldChange[];
  }>;
  readonly outputsAdded: readonly string[];
  readonly outputsRemoved: readonly string[];
  readonly resourcesAdded: readonly string[];
  readonly resourcesRemoved: readonly string[];
  readonly resourcesRenamed: readonly ResourceRename[];
  /** Same address, different configuration. */
  readonly resourcesChanged: readonly string[];
}

export interface PolicySemanticDiff {
  readonly policy: string;
  readonly added: readonly PermissionRow[];
  readonly removed: readonly PermissionRow[];
}

export interface SemanticDiff {
  readonly modules: readonly ModuleSemanticDiff[];
  /** Example renderings in modules-out/policies/: documentation shared by all, no module's version. */
  readonly policies: readonly PolicySemanticDiff[];
  /** Each module's own permissions, as Terraform evaluates them (see module-permissions.ts). */
  readonly permissions?: PermissionDiff;
}

const EMPTY_INTERFACE: ModuleInterface = { variables: new Map(), outputs: new Set(), resources: new Map() };

/** Did anything a caller can observe change? */
export function isEmptyModuleDiff(diff: ModuleSemanticDiff): boolean {
  return (
    diff.variablesAdded.length +
      diff.variablesRemoved.length +
      diff.variablesChanged.length +
      diff.outputsAdded.length +
      diff.outputsRemoved.length +
      diff.resourcesAdded.length +
      diff.resourcesRemoved.length +
      diff.resourcesRenamed.length +
      diff.resourcesChanged.length ===
    0
  );
}

/** Compares two interfaces of the same module. */
export function diffModuleInterfaces(
  module: string,
  before: ModuleInterface,
  after: ModuleInterface,
): ModuleSemanticDiff {
  const variablesChanged: Array<{ name: string; changes: FieldChange[] }> = [];
  for (const [name, old] of before.variables) {
    const current = after.variables.get(name);
    if (!current) continue;
    const changes: FieldChange[] = [];
    if (old.type !== current.type)
      changes.push({ field: "type", before: old.type ?? "any", after: current.type ?? "any" });
    if (old.default !== current.default)
      changes.push({ field: "default", before: old.default ?? "(none)", after: current.default ?? "(none)" });
    if (old.required !== current.required)
      changes.push({ field: "required", before: String(old.required), after: String(current.required) });
    if (changes.length) variablesChanged.push({ name, changes });
  }
  const added = [...after.resources.keys()].filter((address) => !before.resources.has(address));
  const removed = [...before.resources.keys()].filter((address) => !after.resources.has(address));
  const renames = detectRenames(removed, added, before.resources, after.resources);
  const renamedFrom = new Set(renames.map((r) => r.from));
  const renamedTo = new Set(renames.map((r) => r.to));
  return {
    module,
    variablesAdded: [...after.variables]
      .filter(([name]) => !before.variables.has(name))
      .map(([name, spec]) => ({ name, spec })),
    variablesRemoved: [...before.variables.keys()].filter((name) => !after.variables.has(name)),
    variablesChanged,
    outputsAdded: [...after.outputs].filter((name) => !before.outputs.has(name)),
    outputsRemoved: [...before.outputs].filter((name) => !after.outputs.has(name)),
    resourcesAdded: added.filter((address) => !renamedTo.has(address)),
    resourcesRemoved: removed.filter((address) => !renamedFrom.has(address)),
    resourcesRenamed: renames,
    resourcesChanged: [...before.resources]
      .filter(([address, body]) => after.resources.has(address) && after.resources.get(address) !== body)
      .map(([address]) => address),
  };
}

/**
 * A removed and an added address of the same resource type are a rename when their bodies are
 * identical, or when they are the only removal and addition of that type (renamed and edited).
 */
function detectRenames(
  removed: readonly string[],
  added: readonly string[],
  before: ReadonlyMap<string, string>,
  after: ReadonlyMap<string, string>,
): ResourceRename[] {
  const typeOf = (address: string): string => address.slice(0, address.lastIndexOf("."));
  const renames: ResourceRename[] = [];
  const free = new Set(added);
  for (const from of removed) {
    const same = [...free].find((to) => typeOf(to) === typeOf(from) && after.get(to) === before.get(from));
    if (same) {
      renames.push({ from, to: same });
      free.delete(same);
    }
  }
  const taken = new Set(renames.map((r) => r.from));
  for (const from of removed.filter((address) => !taken.has(address))) {
    const sameTypeRemoved = removed.filter((a) => !taken.has(a) && typeOf(a) === typeOf(from));
    const sameTypeAdded = [...free].filter((a) => typeOf(a) === typeOf(from));
    if (sameTypeRemoved.length === 1 && sameTypeAdded.length === 1) {
      renames.push({ from, to: sameTypeAdded[0] });
      free.delete(sameTypeAdded[0]);
    }
  }
  return renames;
}

/** Row differences of one policy document. */
export function diffPolicyRows(
  policy: string,
  before: readonly PermissionRow[],
  after: readonly PermissionRow[],
): PolicySemanticDiff {
  const beforeKeys = new Set(before.map(rowKey));
  const afterKeys = new Set(after.map(rowKey));
  const unique = (rows: readonly PermissionRow[]): PermissionRow[] => [
    ...new Map(rows.map((row) => [rowKey(row), row])).values(),
  ];
  return {
    policy,
    added: unique(after.filter((row) => !beforeKeys.has(rowKey(row)))),
    removed: unique(before.filter((row) => !afterKeys.has(rowKey(row)))),
  };
}

/** Semantic differences between two modules-out trees (committed or tagged -> generated). */
export function semanticDiff(
  before: TreeSnapshot,
  after: TreeSnapshot,
  only?: readonly string[],
): SemanticDiff {
  const names = [...new Set([...moduleNames(before), ...moduleNames(after)])]
    .filter((name) => !only || only.includes(name))
    .sort();
  const modules = names
    .map((name) =>
      diffModuleInterfaces(
        name,
        moduleNames(before).includes(name) ? moduleInterface(before, name) : EMPTY_INTERFACE,
        moduleNames(after).includes(name) ? moduleInterface(after, name) : EMPTY_INTERFACE,
      ),
    )
    .filter((diff) => !isEmptyModuleDiff(diff));
  const oldPolicies = policiesOf(before);
  const newPolicies = policiesOf(after);
  const policies = [...new Set([...oldPolicies.keys(), ...newPolicies.keys()])]
    .sort()
    .map((policy) => diffPolicyRows(policy, oldPolicies.get(policy) ?? [], newPolicies.get(policy) ?? []))
    .filter((diff) => diff.added.length + diff.removed.length > 0);
  return { modules, policies };
}

/** Modules whose files (either variant) differ between two trees. */
export function changedModules(before: TreeSnapshot, after: TreeSnapshot): string[] {
  const names = [...new Set([...moduleNames(before), ...moduleNames(after)])].sort();
  return names.filter((name) =>
    ["hcl", "json"].some(
      (variant) => !sameFiles(subTree(before, `${variant}/${name}`), subTree(after, `${variant}/${name}`)),
    ),
  );
}

/** Do two trees hold the same files with the same text? */
export function sameFiles(a: TreeSnapshot, b: TreeSnapshot): boolean {
  return a.size === b.size && [...a].every(([path, text]) => b.get(path) === text);
}
