import { nonCompliant, outcomeOf, type ResourceRule } from "../../rule";
import { isLiteralTrue, shown } from "../../stack-view";

const FLAGS = [
  "block_public_acls",
  "block_public_policy",
  "ignore_public_acls",
  "restrict_public_buckets",
] as const;

export const s3PublicAccessBlock: ResourceRule = {
  id: "S3.PublicAccessBlock",
  scope: "resource",
  resourceTypes: ["aws_s3_bucket"],
  info: "The bucket does not have a public access block with all four settings literally true.",
  explanation:
    "Without all four settings, one ACL or bucket policy statement can make state files (which hold secrets in plain text) readable by anyone.",
  fix: "Add an aws_s3_bucket_public_access_block for the bucket with block_public_acls, block_public_policy, ignore_public_acls and restrict_public_buckets set to true.",
  evaluate(bucket, stack) {
    const blocks = stack.companionsOf(bucket, "aws_s3_bucket_public_access_block");
    if (blocks.length === 0)
      return nonCompliant("no aws_s3_bucket_public_access_block refers to this bucket");
    const problems = blocks.flatMap((block) =>
      FLAGS.filter((flag) => !isLiteralTrue(block.config[flag])).map(
        (flag) => `${block.address}.${flag} is ${shown(block.config[flag])}`,
      ),
    );
    return outcomeOf(problems);
  },
};
