import type { PolicyRule } from "../../rule";
import { actionMatches } from "../../../iam/match";
import { checkAllowStatements } from "./statements";

const PASSED_TO_SERVICE = "iam:passedtoservice";

export const iamPassRoleConditioned: PolicyRule = {
  id: "IAM.PassRoleConditioned",
  scope: "policy",
  info: "iam:PassRole is allowed without an iam:PassedToService condition.",
  explanation:
    "Passing a role to an arbitrary service (EC2, Lambda, CloudFormation) lets the holder run code with that role's permissions: a classic privilege escalation.",
  fix: 'Add Condition { StringEquals = { "iam:PassedToService" = "<service>.amazonaws.com" } } to every statement that allows iam:PassRole.',
  evaluate(policy) {
    return checkAllowStatements(policy, (statement) => {
      const passes = statement.actions.filter((action) => actionMatches(action, "iam:PassRole"));
      if (passes.length === 0) return undefined;
      const conditioned = Object.values(statement.conditions).some((entries) =>
        Object.keys(entries).some((key) => key.toLowerCase() === PASSED_TO_SERVICE),
      );
      return conditioned ? undefined : `allows ${passes.join(", ")} without an iam:PassedToService condition`;
    });
  },
};
