import { compliant, nonCompliant, type ResourceRule } from "../../rule";
import { blocksOf, possibleStrings, shown } from "../../stack-view";
import { companionBlocks } from "./companion";

const ALGORITHMS = ["aws:kms", "aws:kms:dsse", "AES256"];

export const s3Encryption: ResourceRule = {
  id: "S3.EncryptionEnforced",
  scope: "resource",
  resourceTypes: ["aws_s3_bucket"],
  info: "The bucket has no default server-side encryption configuration with a known algorithm.",
  explanation:
    "State files hold secrets; default encryption makes every object encrypted at rest even when a writer does not ask for it, and KMS adds an audit trail and a key policy.",
  fix: 'Add an aws_s3_bucket_server_side_encryption_configuration for the bucket whose rule sets apply_server_side_encryption_by_default { sse_algorithm = "aws:kms" } (or "AES256").',
  evaluate(bucket, stack) {
    const { companions, blocks } = companionBlocks(
      bucket,
      stack,
      "aws_s3_bucket_server_side_encryption_configuration",
      "rule",
    );
    if (companions.length === 0) {
      return nonCompliant("no aws_s3_bucket_server_side_encryption_configuration refers to this bucket");
    }
    const defaults = blocks.flatMap((rule) => blocksOf(rule.apply_server_side_encryption_by_default));
    if (defaults.length === 0)
      return nonCompliant("the configuration has no apply_server_side_encryption_by_default");
    for (const block of defaults) {
      const algorithm = stack.resolveLocal(block.sse_algorithm);
      const values = possibleStrings(algorithm);
      if (values === undefined || values.some((value) => !ALGORITHMS.includes(value))) {
        return nonCompliant(`sse_algorithm is ${shown(algorithm)}; allowed: ${ALGORITHMS.join(", ")}`);
      }
    }
    return compliant();
  },
};
