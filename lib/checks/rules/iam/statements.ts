import type { AnalysedPolicy } from "../../policy-sources";
import { statementLabel, type AnalysedStatement } from "../../policy-statements";
import { compliant, nonCompliant, notApplicable, type RuleOutcome } from "../../rule";

/** `arn:<partition>:iam::<account>:root` or a bare account id, literal or interpolated. */
export const ACCOUNT_ROOT = /^(arn:(aws[a-z-]*|\$\{[^}]+\}):iam::([0-9]{12}|\$\{[^}]+\}):root|[0-9]{12})$/;

/** A key policy's standard statement: the account root may do anything with the key (defers to IAM). */
export function isAccountRootDelegation(policy: AnalysedPolicy, statement: AnalysedStatement): boolean {
  if (policy.kind !== "key" || !statement.principals) return false;
  const entries = Object.entries(statement.principals);
  return (
    entries.length > 0 &&
    entries.every(
      ([type, ids]) => type === "AWS" && ids.length > 0 && ids.every((id) => ACCOUNT_ROOT.test(id)),
    )
  );
}

/**
 * Runs `problemOf` over each Allow statement of a readable policy and folds the answers into one
 * outcome. Unreadable policies are not-applicable with the reason, never silently compliant.
 */
export function checkAllowStatements(
  policy: AnalysedPolicy,
  problemOf: (statement: AnalysedStatement) => string | undefined,
): RuleOutcome {
  if (!policy.statements) return notApplicable(`${policy.address} could not be analysed: ${policy.note}`);
  const problems: string[] = [];
  policy.statements.forEach((statement, index) => {
    if (statement.effect === "Deny") return;
    const problem = problemOf(statement);
    if (problem) problems.push(`${policy.address} ${statementLabel(statement, index)} ${problem}`);
  });
  return problems.length ? nonCompliant(problems.join("; ")) : compliant();
}

/** A statement on every key of an account and region: `...:key/*` or `*`. */
export const onAnyKey = (statement: AnalysedStatement): boolean =>
  statement.resources.some((resource) => resource === "*" || /:key\/\*$/.test(resource));

/** The key must carry a tag: StringEquals (never IfExists) on aws:ResourceTag/... */
export const requiresResourceTag = (statement: AnalysedStatement): boolean =>
  Object.entries(statement.conditions).some(
    ([operator, entries]) =>
      operator.toLowerCase() === "stringequals" &&
      Object.keys(entries).some((key) => key.toLowerCase().startsWith("aws:resourcetag/")),
  );
