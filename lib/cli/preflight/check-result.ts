/** One line of preflight's report. */
export interface CheckResult {
  readonly name: string;
  readonly ok: boolean;
  /** What was found, or what is missing and the command that fixes it (may span lines). */
  readonly detail: string;
}
