import { compliant, nonCompliant, notApplicable, type ResourceRule } from "../../rule";
import { statementLabel } from "../../policy-statements";
import { ACCOUNT_ROOT } from "../iam/statements";

const ALL_KMS = ["*", "kms:*"];

export const kmsKeyPolicyAdmin: ResourceRule = {
  id: "KMS.KeyPolicyNoWildcardGrant",
  scope: "resource",
  resourceTypes: ["aws_kms_key"],
  info: "The key policy allows kms:* (or *) to a principal other than the account root.",
  explanation:
    "kms:* includes PutKeyPolicy and ScheduleKeyDeletion: a role holding it can lock everyone else out of the key or destroy every object encrypted with it. Only the account-root delegation (which defers to IAM) may hold it.",
  fix: "Keep kms:* only in the statement whose Principal is { AWS = arn:aws:iam::<account>:root }; grant other principals the specific actions they need (e.g. kms:Decrypt, kms:GenerateDataKey).",
  evaluate(key, stack, policies) {
    const owners = [
      key.address,
      ...stack.companionsOf(key, "aws_kms_key_policy", "key_id").map((p) => p.address),
    ];
    const keyPolicies = policies.filter((policy) => owners.includes(policy.owner));
    if (keyPolicies.length === 0)
      return compliant("no key policy: AWS's default grants kms:* to the account root only");
    const problems: string[] = [];
    for (const policy of keyPolicies) {
      if (!policy.statements) return notApplicable(`${policy.address} could not be analysed: ${policy.note}`);
      policy.statements.forEach((statement, index) => {
        if (statement.effect !== "Allow" || !statement.actions.some((action) => ALL_KMS.includes(action)))
          return;
        const principals = Object.entries(statement.principals ?? { "*": ["*"] });
        const others = principals.flatMap(([type, ids]) =>
          type === "AWS" ? ids.filter((id) => !ACCOUNT_ROOT.test(id)) : ids.map((id) => `${type}:${id}`),
        );
        if (others.length)
          problems.push(`${statementLabel(statement, index)} grants kms:* to ${others.join(", ")}`);
      });
    }
    return problems.length ? nonCompliant(problems.join("; ")) : compliant();
  },
};
