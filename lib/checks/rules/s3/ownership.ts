import { compliant, nonCompliant, type ResourceRule } from "../../rule";
import { shown } from "../../stack-view";
import { companionBlocks } from "./companion";

export const s3Ownership: ResourceRule = {
  id: "S3.OwnershipEnforced",
  scope: "resource",
  resourceTypes: ["aws_s3_bucket"],
  info: "The bucket's object ownership is not BucketOwnerEnforced.",
  explanation:
    "Unless ACLs are disabled, objects written by another account stay owned by that account and ACLs can grant access that no policy shows.",
  fix: 'Add an aws_s3_bucket_ownership_controls for the bucket with rule { object_ownership = "BucketOwnerEnforced" }.',
  evaluate(bucket, stack) {
    const { companions, blocks } = companionBlocks(bucket, stack, "aws_s3_bucket_ownership_controls", "rule");
    if (companions.length === 0)
      return nonCompliant("no aws_s3_bucket_ownership_controls refers to this bucket");
    const wrong = blocks.filter((block) => block.object_ownership !== "BucketOwnerEnforced");
    if (blocks.length === 0 || wrong.length) {
      return nonCompliant(
        `object_ownership is ${shown(wrong[0]?.object_ownership)}, not "BucketOwnerEnforced"`,
      );
    }
    return compliant();
  },
};
