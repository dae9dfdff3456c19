import { compliant, nonCompliant, notApplicable, type ResourceRule } from "../../rule";
import type { AnalysedStatement } from "../../policy-statements";
import { actionMatches } from "../../../iam/match";

const SECURE_TRANSPORT_OPERATORS = ["Bool", "BoolIfExists"];

/** Deny, to everyone, of every S3 action on the bucket and its objects when the request is not TLS. */
function deniesInsecureTransport(statement: AnalysedStatement): boolean {
  const everyone =
    statement.principals?.["*"] !== undefined || (statement.principals?.AWS ?? []).includes("*");
  const allActions = statement.actions.some(
    (action) => actionMatches(action, "s3:*") && action.endsWith("*"),
  );
  const bucketAndObjects =
    statement.resources.includes("*") ||
    (statement.resources.some((resource) => resource.endsWith("/*")) &&
      statement.resources.some((resource) => !resource.endsWith("/*")));
  const insecure = SECURE_TRANSPORT_OPERATORS.some((operator) =>
    (statement.conditions[operator]?.["aws:SecureTransport"] ?? []).includes("false"),
  );
  return statement.effect === "Deny" && everyone && allActions && bucketAndObjects && insecure;
}

export const s3TlsOnly: ResourceRule = {
  id: "S3.TlsOnly",
  scope: "resource",
  resourceTypes: ["aws_s3_bucket"],
  info: "The bucket policy does not deny requests made without TLS (aws:SecureTransport = false).",
  explanation:
    "Without the deny, a client can read or write state over plain HTTP, exposing secrets in state files and credentials to anyone on the path.",
  fix: 'Add to the bucket\'s aws_s3_bucket_policy a statement: Effect "Deny", Principal "*", Action "s3:*", Resource [bucket ARN, bucket ARN + "/*"], Condition { Bool = { "aws:SecureTransport" = "false" } }.',
  evaluate(bucket, stack, policies) {
    const owners = stack.companionsOf(bucket, "aws_s3_bucket_policy").map((policy) => policy.address);
    if (owners.length === 0) return nonCompliant("no aws_s3_bucket_policy refers to this bucket");
    const bucketPolicies = policies.filter((policy) => owners.includes(policy.owner));
    if (bucketPolicies.some((policy) => policy.statements?.some(deniesInsecureTransport))) return compliant();
    const unreadable = bucketPolicies.find((policy) => policy.statements === undefined);
    if (unreadable) return notApplicable(`${unreadable.address} could not be analysed: ${unreadable.note}`);
    return nonCompliant(
      `${owners.join(", ")} has no statement denying s3:* when aws:SecureTransport is "false"`,
    );
  },
};
