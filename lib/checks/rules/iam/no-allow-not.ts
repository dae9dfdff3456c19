import type { PolicyRule } from "../../rule";
import { checkAllowStatements } from "./statements";

export const iamNoAllowWithNot: PolicyRule = {
  id: "IAM.NoAllowWithNotActionOrNotResource",
  scope: "policy",
  info: "An Allow statement uses NotAction or NotResource.",
  explanation:
    "Allow with NotAction/NotResource grants everything except a list, so every new action or resource is granted by default: the opposite of least privilege.",
  fix: "Rewrite the statement with Action and Resource listing what is allowed; use NotAction/NotResource only in Deny statements.",
  evaluate(policy) {
    return checkAllowStatements(policy, (statement) => {
      const fields = [
        statement.notActions.length ? "NotAction" : "",
        statement.notResources.length ? "NotResource" : "",
      ];
      const used = fields.filter(Boolean);
      return used.length ? `allows with ${used.join(" and ")}` : undefined;
    });
  },
};
