import { notApplicable, type PolicyRule } from "../../rule";
import { checkAllowStatements } from "./statements";

export const iamNoWildcardPrincipal: PolicyRule = {
  id: "IAM.NoWildcardPrincipal",
  scope: "policy",
  info: 'A trust (or other resource) policy allows a wildcard principal ("*" or an ARN containing "*").',
  explanation:
    "A wildcard principal in a trust policy lets any AWS account assume the role; in a bucket or key policy it opens the resource to the internet.",
  fix: "Name the trusted principals explicitly (e.g. trusted_principal_arns), one ARN per role or account root, without wildcards.",
  evaluate(policy) {
    if (policy.kind === "identity") return notApplicable("identity policies have no Principal");
    return checkAllowStatements(policy, (statement) => {
      const wildcards = Object.entries(statement.principals ?? {}).flatMap(([type, ids]) =>
        type === "*"
          ? ["*"]
          : ids.filter((id) => id.replace(/\$\{[^}]*\}/g, "").includes("*")).map((id) => `${type}:${id}`),
      );
      return wildcards.length ? `allows principal ${wildcards.join(", ")}` : undefined;
    });
  },
};
