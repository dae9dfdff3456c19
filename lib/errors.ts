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
