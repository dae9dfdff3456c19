/**
 * One place for user-facing errors: each says what happened and how to fix it. A UserError is
 * printed without a stack trace and ends the run with exit status 1.
 */
export class UserError extends Error {
  constructor(
    message: string,
    /** One line per problem, each naming the key, the value, the rule and the fix. */
    readonly problems: readonly string[] = [],
  ) {
    super(problems.length ? `${message}\n${problems.map((p) => `  - ${p}`).join("\n")}` : message);
    this.name = "UserError";
  }
}

export const errors = {
  settingsFileMissing: (path: string) =>
    new UserError(`Settings file ${path} was not found. Run from the project root, where cdktf.json lives.`),
  settingsFileUnreadable: (path: string, reason: string) =>
    new UserError(`Settings file ${path} is not valid JSON (${reason}). Fix the syntax and run again.`),
  settingsFileNotReadable: (path: string, code: string, fix: string) =>
    new UserError(`Settings file ${path} cannot be read (${code}): ${fix}.`),
  settingsFileNotObject: (path: string, found: string) =>
    new UserError(
      `Settings file ${path} holds ${found}, not a JSON object: write an object with "app" and "context" as the project's cdktf.json does.`,
    ),
  settingsFileTooDeep: (path: string, where: string, limit: number) =>
    new UserError(
      `Settings file ${path} is nested more than ${limit} levels deep at ${where}: no setting nests that deep; remove the extra nesting.`,
    ),
  invalidSettings: (path: string, problems: readonly string[]) =>
    new UserError(`${path}: ${problems.length} problem(s) in "context"; nothing was written.`, problems),
};

/** Runs a command body; a UserError prints its message and exits 1, anything else is a bug. */
export function exitOnUserError(error: unknown): never {
  if (error instanceof UserError) {
    process.stderr.write(`Error: ${error.message}\n`);
    process.exit(1);
  }
  throw error;
}

/** What to do about each file-system failure a run can meet while writing its output. */
const FILE_SYSTEM_FIXES: Readonly<Record<string, string>> = {
  ENOSPC: "the disk is full; free some space on it and run again",
  EDQUOT: "the disk quota is used up; free some space and run again",
  EACCES: "permission denied; make the folder writable for this user (or run as its owner) and run again",
  EPERM: "the operation is not permitted; make the folder writable for this user and run again",
  EROFS: "the file system is read-only; run from a writable checkout",
  ENOTDIR: "a part of the path is a file, not a folder; move that file away and run again",
  EEXIST: "a file is where a folder must be created; move that file away and run again",
  EISDIR: "a folder is where a file must be written; move it away and run again",
  EXDEV: "a rename crossed file systems; keep the output folder and its parent on one file system",
  ENOENT: "a folder disappeared while writing; make sure nothing else deletes it and run again",
  EMFILE: "too many open files; raise the limit (ulimit -n) and run again",
  EBUSY: "the path is in use; close what holds it and run again",
};

/**
 * A Node file-system error (it has an errno `code`) as one line naming the path and the fix; any
 * other error is returned unchanged, so a bug still shows its stack trace.
 */
export function fromFileSystemError(error: unknown, what: string): unknown {
  if (error instanceof UserError || !(error instanceof Error)) return error;
  const { code, path } = error as NodeJS.ErrnoException;
  if (typeof code !== "string" || !/^E[A-Z]+$/.test(code)) return error;
  const fix = FILE_SYSTEM_FIXES[code] ?? `${error.message.split("\n")[0]}; fix it and run again`;
  return new UserError(`${what}: ${code} at ${path ?? "(no path)"}: ${fix}.`);
}
