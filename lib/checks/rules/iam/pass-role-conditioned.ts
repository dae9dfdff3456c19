import type { PolicyRule } from "../../rule";
import { actionMatches } from "../../../iam/match";
import { checkAllowStatements } from "./statements";
import type { AnalysedStatement } from "../../policy-statements";

const PASSED_TO_SERVICE = "iam:passedtoservice";

/**
 * Operators that limit the services a role can be passed to. A negated operator (StringNotEquals)
 * allows every other service, and an IfExists variant allows requests without the key: neither caps.
 */
const LIMITING_OPERATORS = new Set(["stringequals", "stringlike", "stringequalsignorecase"]);

/** The statement limits iam:PassedToService to named services (positive operator, no `*` value). */
function limitsPassedToService(statement: AnalysedStatement): boolean {
  return Object.entries(statement.conditions).some(
    ([operator, entries]) =>
      LIMITING_OPERATORS.has(operator.toLowerCase()) &&
      Object.entries(entries).some(
        ([key, values]) =>
          key.toLowerCase() === PASSED_TO_SERVICE &&
          values.length > 0 &&
          values.every((value) => value !== "*" && value.trim() !== ""),
      ),
  );
}

export const iamPassRoleConditioned: PolicyRule = {
  id: "IAM.PassRoleConditioned",
  scope: "policy",
  info: "iam:PassRole is allowed without a condition that limits iam:PassedToService to named services.",
  explanation:
    "Passing a role to an arbitrary service (EC2, Lambda, CloudFormation) lets the holder run code with that role's permissions: a classic privilege escalation. A negated operator (StringNotEquals) or an IfExists variant does not limit it.",
  fix: 'Add Condition { StringEquals = { "iam:PassedToService" = "<service>.amazonaws.com" } } to every statement that allows iam:PassRole.',
  evaluate(policy) {
    return checkAllowStatements(policy, (statement) => {
      const passes = statement.actions.filter((action) => actionMatches(action, "iam:PassRole"));
      if (passes.length === 0) return undefined;
      return limitsPassedToService(statement)
        ? undefined
        : `allows ${passes.join(", ")} without StringEquals/StringLike on iam:PassedToService naming the services`;
    });
  },
};
