import { existsSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { errors } from "../errors";
import { settingsSchema, type Settings } from "./schema";
import { readJsonFile } from "./read-json-file";
import { distance } from "fastest-levenshtein";
import { valueAt } from "./value-at";
import { exampleAt, projectIssueWording, wordedProblem } from "./settings-wording";

export const SETTINGS_FILE = "cdktf.json";

/** Validates a `context` object; every problem names the key path, the value, the rule and the fix. */
export function parseSettings(context: unknown, source = SETTINGS_FILE): Settings {
  const result = settingsSchema.safeParse(context, { error: projectIssueWording });
  if (result.success) return result.data;
  throw errors.invalidSettings(
    source,
    result.error.issues.flatMap((issue) => describeIssue(issue, context)),
  );
}

/** Reads `context` from cdktf.json in the project root. Never at import time: callers decide when. */
export function loadSettings(projectRoot: string): Settings {
  const path = join(projectRoot, SETTINGS_FILE);
  if (!existsSync(path)) throw errors.settingsFileMissing(path);
  const parsed = readJsonFile(path, projectRoot);
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed))
    throw errors.settingsFileNotObject(path, Array.isArray(parsed) ? "an array" : JSON.stringify(parsed));
  const context = (parsed as { context?: unknown }).context ?? {};
  const environmentsFile = environmentsFileOf(context);
  if (environmentsFile === undefined) return parseSettings(context, path);
  const file = join(projectRoot, environmentsFile);
  const withEnvironments = {
    ...(context as object),
    environments: readEnvironmentsFile(path, file, projectRoot),
  };
  return parseSettings(withEnvironments, `${path} (environments from ${file})`);
}

/** `context.environmentsFile` when it is set to a string (the schema checks its shape). */
function environmentsFileOf(context: unknown): string | undefined {
  if (context === null || typeof context !== "object") return undefined;
  const { environmentsFile, environments } = context as {
    environmentsFile?: unknown;
    environments?: unknown;
  };
  if (typeof environmentsFile !== "string") return undefined;
  if (environments !== undefined)
    throw errors.invalidSettings(SETTINGS_FILE, [
      `context.environments and context.environmentsFile = ${JSON.stringify(environmentsFile)} are both set: keep one (the file, for many environments)`,
    ]);
  return settingsSchema.shape.environmentsFile.safeParse(environmentsFile).success
    ? environmentsFile
    : undefined;
}

/** The list of environments in the referenced file: a JSON array checked by the same schema. */
function readEnvironmentsFile(settingsPath: string, file: string, projectRoot: string): unknown {
  if (!existsSync(file))
    throw errors.invalidSettings(settingsPath, [
      `context.environmentsFile: ${file} cannot be read (ENOENT); create it with a JSON array of environments or fix the path`,
    ]);
  return readJsonFile(file, projectRoot);
}

/** Keys that used to be allowed at the top of `context`, and where they went. */
const MOVED_KEYS: Readonly<Record<string, string>> = {
  stateKeyPrefix:
    "it moved into each environment (context.environments[].stateKeyPrefix, default <name>/v1/)",
};

/** `context.examples.accountId`; keys that are not plain identifiers are quoted: `context[" x"]`. */
function keyPath(path: readonly PropertyKey[]): string {
  return path
    .map(String)
    .reduce(
      (text, key) => (/^[A-Za-z0-9_$-]+$/.test(key) ? `${text}.${key}` : `${text}[${JSON.stringify(key)}]`),
      "context",
    );
}

/** One line per problem: the key path, the value, the rule and the fix. */
function describeIssue(issue: z.core.$ZodIssue, root: unknown): string[] {
  if (issue.code === "unrecognized_keys") {
    const known = knownKeysAt(issue.path);
    return issue.keys.map((key) => {
      const value = shorten(JSON.stringify(valueAt(root, [...issue.path, key])) ?? "undefined");
      const guess = closestKey(key, known);
      const moved = issue.path.length === 0 ? MOVED_KEYS[key] : undefined;
      const hint = moved ? `${moved}; ` : guess ? `did you mean "${guess}"? ` : "";
      const example = guess ? exampleAt([...issue.path, guess]).shown : "";
      return `${keyPath([...issue.path, key])} = ${value}: unknown key (allowed here: ${known.join(", ")}); ${hint}remove it or fix its spelling${example ? `, for example ${example}` : ""}`;
    });
  }
  const value = valueAt(root, issue.path);
  const shown = value === undefined ? "missing" : shorten(JSON.stringify(value) ?? String(value));
  return [`${keyPath(issue.path)} = ${shown}: ${wordedProblem(issue, value)}`];
}

/** Long values are cut so that each problem stays one readable line. */
function shorten(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** The keys the schema allows at a path (objects inside arrays, defaults and optionals included). */
function knownKeysAt(path: readonly PropertyKey[]): string[] {
  let schema: unknown = settingsSchema;
  for (const key of [undefined, ...path]) {
    for (let unwrapped = true; unwrapped;) {
      unwrapped = false;
      if (schema instanceof z.ZodDefault || schema instanceof z.ZodOptional) {
        schema = schema.unwrap();
        unwrapped = true;
      }
    }
    if (key === undefined) continue;
    if (schema instanceof z.ZodArray) schema = schema.element;
    else if (schema instanceof z.ZodObject) schema = (schema.shape as Record<string, unknown>)[String(key)];
    else return [];
    for (let unwrapped = true; unwrapped;) {
      unwrapped = false;
      if (schema instanceof z.ZodDefault || schema instanceof z.ZodOptional) {
        schema = schema.unwrap();
        unwrapped = true;
      }
    }
  }
  return schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
}

/** The allowed key a typo most likely meant: small edit distance relative to its length. */
function closestKey(typo: string, known: readonly string[]): string | undefined {
  let best: { key: string; distance: number } | undefined;
  for (const key of known) {
    const editDistance = distance(typo.toLowerCase(), key.toLowerCase());
    if (editDistance <= Math.max(2, Math.floor(key.length / 3)) && (!best || editDistance < best.distance))
      best = { key, distance: editDistance };
  }
  return best?.key;
}
