import { isDeepStrictEqual } from "node:util";

/** The parts of `terraform show -json <plan>` read here. */
export interface PlanJson {
  readonly resource_changes?: readonly {
    readonly address: string;
    readonly mode: string;
    readonly change: {
      readonly actions: readonly string[];
      readonly before: Readonly<Record<string, unknown>> | null;
      readonly after: Readonly<Record<string, unknown>> | null;
      readonly after_unknown?: Readonly<Record<string, unknown>>;
    };
  }[];
}

/** The parts of `terraform show -json` (state) read here. */
export interface StateJson {
  readonly values?: {
    readonly root_module: StateModule;
  };
}

interface StateModule {
  readonly resources?: readonly StateResource[];
  readonly child_modules?: readonly StateModule[];
}

export interface StateResource {
  readonly address: string;
  readonly mode: string;
  readonly type: string;
  readonly values: Readonly<Record<string, unknown>>;
}

/** One top-level attribute a plan changes; a create or delete is the attribute `(create)` etc. */
export interface AttributeChange {
  readonly address: string;
  readonly attribute: string;
  readonly before: unknown;
  readonly after: unknown;
}

const hasUnknown = (value: unknown): boolean =>
  value === true || (typeof value === "object" && value !== null && Object.values(value).some(hasUnknown));

/** Every attribute a plan changes, by resource address then attribute; data sources are not changes. */
export function attributeChanges(plan: PlanJson): AttributeChange[] {
  const changes: AttributeChange[] = [];
  for (const { address, mode, change } of plan.resource_changes ?? []) {
    if (mode !== "managed" || isDeepStrictEqual(change.actions, ["no-op"])) continue;
    if (!isDeepStrictEqual(change.actions, ["update"])) {
      changes.push({ address, attribute: `(${change.actions.join("+")})`, before: null, after: null });
      continue;
    }
    const before = change.before ?? {};
    const after = change.after ?? {};
    const unknown = change.after_unknown ?? {};
    for (const attribute of [...new Set([...Object.keys(before), ...Object.keys(after)])].sort())
      if (!isDeepStrictEqual(before[attribute], after[attribute]) || hasUnknown(unknown[attribute]))
        changes.push({ address, attribute, before: before[attribute], after: after[attribute] });
  }
  return changes.sort((a, b) => `${a.address} ${a.attribute}`.localeCompare(`${b.address} ${b.attribute}`));
}

const resourcesOf = (module: StateModule): StateResource[] => [
  ...(module.resources ?? []),
  ...(module.child_modules ?? []).flatMap(resourcesOf),
];

/** The managed resources of a state, the root module's and its modules'. */
export function managedResources(state: StateJson): StateResource[] {
  const root = state.values?.root_module;
  return (root ? resourcesOf(root) : []).filter((resource) => resource.mode === "managed");
}
