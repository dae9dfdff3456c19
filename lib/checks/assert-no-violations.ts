import { UserError } from "../errors";
import { resourceKey, type SecurityReport } from "./run-security-checks";

/**
 * Fails synth when any finding is non-compliant and not acknowledged: one problem per violation,
 * naming the rule, the stack, the resource, what is wrong, why it matters and the fix.
 */
export function assertNoViolations(report: SecurityReport): void {
  if (report.violations.length === 0 && report.unknownRules.length === 0) return;
  const violations = report.violations.map(
    (finding) =>
      `${finding.rule} in stack ${finding.stack}, resource ${finding.resource}: ${finding.info}` +
      `${finding.detail ? ` (${finding.detail})` : ""} Why: ${finding.explanation} Fix: ${finding.fix} ` +
      `To accept it instead, add { "rule": "${finding.rule}", "resource": "${resourceKey(finding.stack, finding.resource)}", "reason": "..." } to cdktf.json context.acknowledgements.`,
  );
  throw new UserError(
    `Security checks failed: ${violations.length} violation(s), ${report.unknownRules.length} unknown acknowledged rule(s); nothing was written.`,
    [...violations, ...report.unknownRules],
  );
}
