import { closeSync, constants, fstatSync, openSync, readSync, realpathSync, type Stats } from "node:fs";
import { isAbsolute, relative } from "node:path";
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
 * The largest settings file read: 50,000 environments with every key set are ~25 MiB. A bound keeps
 * a file that never ends (a link to /dev/zero, a growing log) from filling memory.
 */
export const MAX_SETTINGS_FILE_BYTES = 64 * 1024 * 1024;

/** What a path holds, in words, when it is not a regular file. */
function kindOf(stats: Stats): string {
  if (stats.isFIFO()) return "a named pipe (FIFO)";
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return "a device";
  if (stats.isSocket()) return "a socket";
  return "not a regular file";
}

const isInside = (root: string, path: string): boolean => {
  const rel = relative(root, path);
  return rel === "" || (!rel.startsWith("..") && !isAbsolute(rel));
};

/**
 * Settings name paths inside the project (environmentsFile is relative, without ".."), so a path that
 * resolves outside it (a link, or a link among its folders) is refused without showing where it leads.
 */
function refuseOutside(path: string, projectRoot: string | undefined): void {
  if (projectRoot === undefined) return;
  let target: string;
  try {
    target = realpathSync(path);
  } catch {
    return; // a missing file or a link loop: the open below reports it
  }
  if (!isInside(realpathSync(projectRoot), target))
    throw errors.settingsFileNotReadable(
      path,
      "outside the project",
      "it is a symbolic link leading outside the project, which is not followed; put the file itself in the project",
    );
}

/**
 * The text of a regular file of at most MAX_SETTINGS_FILE_BYTES. Opened without blocking (a FIFO
 * would wait for a writer forever) and checked on the open descriptor, so what is read is what was
 * checked. With `projectRoot`, a symbolic link leading outside the project is refused.
 */
export function readRegularFile(path: string, projectRoot?: string): string {
  refuseOutside(path, projectRoot);
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    const { code, fix } = readFailure(error);
    throw errors.settingsFileNotReadable(path, code, fix);
  }
  try {
    const stats = fstatSync(fd);
    if (stats.isDirectory()) throw errors.settingsFileNotReadable(path, "EISDIR", READ_FIXES.EISDIR);
    if (!stats.isFile())
      throw errors.settingsFileNotReadable(
        path,
        kindOf(stats),
        `only a regular file is read; put the JSON file in its place`,
      );
    if (stats.size > MAX_SETTINGS_FILE_BYTES) throw tooLarge(path, "larger");
    return readBounded(fd, path);
  } finally {
    closeSync(fd);
  }
}

/** Reads to the end, but never more than the bound (a file can grow after fstat). */
function readBounded(fd: number, path: string): string {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const chunk = Buffer.alloc(1024 * 1024);
    let read: number;
    try {
      read = readSync(fd, chunk, 0, chunk.length, null);
    } catch (error) {
      const { code, fix } = readFailure(error);
      throw errors.settingsFileNotReadable(path, code, fix);
    }
    if (read === 0) return Buffer.concat(chunks, total).toString("utf8");
    total += read;
    if (total > MAX_SETTINGS_FILE_BYTES) throw tooLarge(path, "more");
    chunks.push(chunk.subarray(0, read));
  }
}

const tooLarge = (path: string, size: string) =>
  errors.settingsFileNotReadable(
    path,
    `${size} than ${MAX_SETTINGS_FILE_BYTES} bytes`,
    "no settings file needs to be that large; shorten it or point the path at the right file",
  );

/**
 * A settings file read and parsed: a failed read, bad syntax or nesting deeper than any setting
 * (which would overflow the stack of the checks that follow) each become one line naming the file.
 */
export function readJsonFile(path: string, projectRoot?: string): unknown {
  const text = readRegularFile(path, projectRoot);
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
