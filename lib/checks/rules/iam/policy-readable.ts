import type { PolicyRule } from "../../rule";
import { compliant, nonCompliant } from "../../rule";
import { statementLabel } from "../../policy-statements";

/**
 * Fail closed, as cdk-nag turns a rule that cannot evaluate into a finding: a policy (or part of
 * one) that the pack cannot read is a violation, so no other rule passes it by not seeing it.
 */
export const iamPolicyReadable: PolicyRule = {
  id: "IAM.PolicyReadable",
  scope: "policy",
  info: "A policy, or a field of one of its statements, could not be read by the security checks.",
  explanation:
    "Every other IAM rule judges what it can read; a policy it cannot read would pass them all unseen.",
  fix: "Register the construct's PolicyDocument with registerPolicy (lib/policy/registry.ts), or write the policy as JSON; acknowledge the finding only after reviewing the policy by hand.",
  evaluate(policy) {
    if (!policy.statements) return nonCompliant(`${policy.address}: ${policy.note}`);
    const unread = policy.statements.flatMap((statement, index) =>
      statement.unknown.length || statement.effect === "unknown"
        ? [
            `${statementLabel(statement, index)}: ${[...statement.unknown, ...(statement.effect === "unknown" ? ["Effect"] : [])].join(", ")}`,
          ]
        : [],
    );
    return unread.length
      ? nonCompliant(`${policy.address} ${unread.join("; ")} could not be read`)
      : compliant();
  },
};
