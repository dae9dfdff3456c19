import { readFileSync } from "node:fs";
import { errors } from "../errors";

/** Deeper than any setting nests (context.environments[0].trustedPrincipalArns[0] is 5 levels). */
export const MAX_SETTINGS_DEPTH = 32;

/** What to do when a settings file cannot be read, by errno code. */
const READ_FIXES: Readonly<Record<string, string>> = {
  EISDIR: "it is a folder, not a file; move the folder away and put the JSON file in its place",
  EACCES: "permission denied; make it readable for this user (chmod a+r) and run again",
  EPERM: "the operation is not permitted; make it readable for this user and run again",
  ENOENT: "it does not exist; create it or fix the path",
  ENOTDIR: "a part of its path is a file, not a folder; fix the path",
  ELOOP: "its path is a symbolic link loop; point the link at the file",
  EMFILE: "too many open files; raise the limit (ulimit -n) and run again",
};

/** The errno code of a failed read and what to do about it. */
export function readFailure(error: unknown): { code: string; fix: string } {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code !== "string") throw error;
  return { code, fix: READ_FIXES[code] ?? "fix the file's permissions or path and run again" };
}

/** The first path below `value` longer than `limit` keys, found without recursion. */
function tooDeepPath(value: unknown, limit: number): readonly PropertyKey[] | undefined {
  const pending: { value: unknown; path: readonly PropertyKey[] }[] = [{ value, path: [] }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    if (next.value === null || typeof next.value !== "object") continue;
    if (next.path.length >= limit) return next.path;
    for (const [key, child] of Object.entries(next.value))
      pending.push({ value: child, path: [...next.path, Array.isArray(next.value) ? Number(key) : key] });
  }
  return undefined;
}

/** `context.examples[0][0]...`: the first keys of a path, enough to find the place. */
const shownPath = (path: readonly PropertyKey[]): string =>
  path
    .slice(0, 8)
    .map((key) => (typeof key === "number" ? `[${key}]` : `.${String(key)}`))
    .join("")
    .replace(/^\./, "") + (path.length > 8 ? "..." : "");

/**
 * A settings file read and parsed: a failed read, bad syntax or nesting deeper than any setting
 * (which would overflow the stack of the checks that follow) each become one line naming the file.
 */
export function readJsonFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    const { code, fix } = readFailure(error);
    throw errors.settingsFileNotReadable(path, code, fix);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    // V8 parses iteratively today; should a deeper file still overflow, it is the same fault.
    if (error instanceof RangeError) throw errors.settingsFileTooDeep(path, "the top", MAX_SETTINGS_DEPTH);
    if (!(error instanceof SyntaxError)) throw error;
    throw errors.settingsFileUnreadable(path, error.message);
  }
  const deep = tooDeepPath(parsed, MAX_SETTINGS_DEPTH);
  if (deep) throw errors.settingsFileTooDeep(path, shownPath(deep), MAX_SETTINGS_DEPTH);
  return parsed;
}
