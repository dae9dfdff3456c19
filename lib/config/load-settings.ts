import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { z } from "zod";
import { errors } from "../errors";
import { settingsSchema, type Settings } from "./schema";

export const SETTINGS_FILE = "cdktf.json";

/** Validates a `context` object; every problem names the key path, the value, the rule and the fix. */
export function parseSettings(context: unknown, source = SETTINGS_FILE): Settings {
  const result = settingsSchema.safeParse(context);
  if (result.success) return result.data;
  throw errors.invalidSettings(
    source,
    result.error.issues.map((issue) => describeIssue(issue, context)),
  );
}

/** Reads `context` from cdktf.json in the project root. Never at import time: callers decide when. */
export function loadSettings(projectRoot: string): Settings {
  const path = join(projectRoot, SETTINGS_FILE);
  if (!existsSync(path)) throw errors.settingsFileMissing(path);
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw errors.settingsFileUnreadable(path, error instanceof Error ? error.message : String(error));
  }
  const context = (parsed as { context?: unknown }).context ?? {};
  return parseSettings(context, path);
}

function describeIssue(issue: z.core.$ZodIssue, root: unknown): string {
  const path = ["context", ...issue.path.map(String)];
  if (issue.code === "unrecognized_keys") {
    return issue.keys
      .map((key) => `${[...path, key].join(".")}: unknown key; remove it or check its spelling`)
      .join("\n  - ");
  }
  const value = valueAt(root, issue.path);
  const shown = value === undefined ? "missing" : JSON.stringify(value);
  return `${path.join(".")} = ${shown}: ${issue.message}; set it to a value that satisfies this rule`;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = root;
  for (const key of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}
