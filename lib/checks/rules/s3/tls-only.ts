import { compliant, nonCompliant, notApplicable, type ResourceRule } from "../../rule";
import type { AnalysedStatement } from "../../policy-statements";
import { actionMatches } from "../../../iam/match";

const SECURE_TRANSPORT_OPERATORS = ["Bool", "BoolIfExists"];

/** What a Deny-when-not-TLS statement covers: the bucket (ListBucket, policy calls), its objects, or both. */
interface TlsCoverage {
  readonly bucket: boolean;
  readonly objects: boolean;
}

/** The parts of the bucket a statement denies to everyone, for every S3 action, without TLS. */
function insecureTransportCoverage(statement: AnalysedStatement): TlsCoverage {
  const everyone =
    statement.principals?.["*"] !== undefined || (statement.principals?.AWS ?? []).includes("*");
  const allActions = statement.actions.some(
    (action) => actionMatches(action, "s3:*") && action.endsWith("*"),
  );
  const insecure = SECURE_TRANSPORT_OPERATORS.some((operator) =>
    (statement.conditions[operator]?.["aws:SecureTransport"] ?? []).includes("false"),
  );
  if (statement.effect !== "Deny" || !everyone || !allActions || !insecure)
    return { bucket: false, objects: false };
  const all = statement.resources.includes("*");
  return {
    bucket: all || statement.resources.some((resource) => !resource.endsWith("/*")),
    objects: all || statement.resources.some((resource) => resource.endsWith("/*")),
  };
}

/** The statements together deny plain HTTP on the bucket AND on its objects (one alone leaves the other open). */
function deniesInsecureTransport(statements: readonly AnalysedStatement[]): boolean {
  const covered = statements.map(insecureTransportCoverage);
  return covered.some((c) => c.bucket) && covered.some((c) => c.objects);
}

export const s3TlsOnly: ResourceRule = {
  id: "S3.TlsOnly",
  scope: "resource",
  resourceTypes: ["aws_s3_bucket"],
  info: "The bucket policy does not deny requests made without TLS (aws:SecureTransport = false) on both the bucket and its objects.",
  explanation:
    "Without the deny, a client can read or write state over plain HTTP, exposing secrets in state files and credentials to anyone on the path.",
  fix: 'Add to the bucket\'s aws_s3_bucket_policy a statement: Effect "Deny", Principal "*", Action "s3:*", Resource [bucket ARN, bucket ARN + "/*"], Condition { Bool = { "aws:SecureTransport" = "false" } }.',
  evaluate(bucket, stack, policies) {
    const owners = stack.companionsOf(bucket, "aws_s3_bucket_policy").map((policy) => policy.address);
    if (owners.length === 0) return nonCompliant("no aws_s3_bucket_policy refers to this bucket");
    const bucketPolicies = policies.filter((policy) => owners.includes(policy.owner));
    if (deniesInsecureTransport(bucketPolicies.flatMap((policy) => policy.statements ?? [])))
      return compliant();
    const unreadable = bucketPolicies.find((policy) => policy.statements === undefined);
    if (unreadable) return notApplicable(`${unreadable.address} could not be analysed: ${unreadable.note}`);
    return nonCompliant(
      `${owners.join(", ")} has no statement denying s3:* when aws:SecureTransport is "false"`,
    );
  },
};
