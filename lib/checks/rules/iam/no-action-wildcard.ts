import type { PolicyRule } from "../../rule";
import { checkAllowStatements, isAccountRootDelegation } from "./statements";

export const iamNoActionWildcard: PolicyRule = {
  id: "IAM.NoActionWildcard",
  scope: "policy",
  info: "An Allow statement uses a wildcard action (such as s3:* or iam:Put*).",
  explanation:
    "A wildcard grants every action that matches today and every action AWS adds tomorrow, including destructive and permission-changing ones nobody reviewed.",
  fix: "List the exact actions (derive them from lib/permissions); the account-root delegation in a key policy is the only exception.",
  evaluate(policy) {
    return checkAllowStatements(policy, (statement) => {
      if (isAccountRootDelegation(policy, statement)) return undefined;
      const wildcards = statement.actions.filter((action) => /[*?]/.test(action));
      return wildcards.length ? `allows ${wildcards.join(", ")}` : undefined;
    });
  },
};
