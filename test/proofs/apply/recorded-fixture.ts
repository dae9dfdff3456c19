import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { RootRun } from "./apply-proof";

/**
 * The committed record of what the real provider called per profile, written by the apply proof
 * (`UPDATE_RECORDED_CALLS=1 npm run test:proofs -- apply`) and read by the fast tier
 * (test/permissions/pike-decisions.test.ts checks the decision table against it). The proof fails
 * when the committed file differs from what it just recorded.
 */
export const RECORDED_CALLS_FILE = join(__dirname, "..", "..", "fixtures", "recorded-calls.json");

export interface RecordedCallRow {
  /** Terraform type that made the call (`(provider)` for the provider's own set-up). */
  readonly type: string;
  /** `<signing service>:<operation>` as the provider logged it. */
  readonly operation: string;
  /** The IAM actions AWS authorizes for it. */
  readonly actions: readonly string[];
}

export interface RecordedCalls {
  readonly provider: string;
  readonly generatedBy: string;
  readonly profiles: Readonly<Record<string, readonly RecordedCallRow[]>>;
}

/** The distinct (type, operation, actions) rows of the runs of each profile, sorted. */
export function recordedCallRows(runs: readonly RootRun[]): Record<string, RecordedCallRow[]> {
  const byProfile = new Map<string, Map<string, RecordedCallRow>>();
  for (const run of runs) {
    const rows = byProfile.get(run.spec.profile) ?? new Map<string, RecordedCallRow>();
    byProfile.set(run.spec.profile, rows);
    for (const call of run.recorded) {
      const type = call.logged.resourceType || "(provider)";
      const operation = `${call.logged.signingService}:${call.logged.operation}`;
      const actions = [...new Set((call.proxied?.requests ?? []).map((r) => r.action))].sort();
      rows.set(`${type} ${operation}`, { type, operation, actions });
    }
  }
  const out: Record<string, RecordedCallRow[]> = {};
  for (const [profile, rows] of [...byProfile].sort(([a], [b]) => a.localeCompare(b)))
    out[profile] = [...rows.values()].sort((a, b) =>
      `${a.type} ${a.operation}`.localeCompare(`${b.type} ${b.operation}`),
    );
  return out;
}

export function readRecordedCalls(): RecordedCalls | undefined {
  return existsSync(RECORDED_CALLS_FILE)
    ? (JSON.parse(readFileSync(RECORDED_CALLS_FILE, "utf8")) as RecordedCalls)
    : undefined;
}

export function writeRecordedCalls(calls: RecordedCalls): void {
  writeFileSync(RECORDED_CALLS_FILE, `${JSON.stringify(calls, null, 2)}\n`);
}
