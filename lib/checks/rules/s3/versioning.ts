import { compliant, nonCompliant, type ResourceRule } from "../../rule";
import { blocksOf, isLiteralTrue, shown } from "../../stack-view";
import { companionBlocks } from "./companion";

export const s3Versioning: ResourceRule = {
  id: "S3.Versioning",
  scope: "resource",
  resourceTypes: ["aws_s3_bucket"],
  info: "The bucket does not have versioning enabled.",
  explanation:
    "Without versions, an overwritten or deleted state file is gone: a bad apply or a compromised credential can destroy the record of what exists.",
  fix: 'Add an aws_s3_bucket_versioning for the bucket with versioning_configuration { status = "Enabled" }.',
  evaluate(bucket, stack) {
    const { blocks } = companionBlocks(bucket, stack, "aws_s3_bucket_versioning", "versioning_configuration");
    if (blocks.some((block) => block.status === "Enabled")) return compliant();
    // The provider's older inline form: versioning { enabled = true } on the bucket itself.
    if (blocksOf(bucket.config.versioning).some((block) => isLiteralTrue(block.enabled))) return compliant();
    if (blocks.length)
      return nonCompliant(`versioning_configuration.status is ${shown(blocks[0].status)}, not "Enabled"`);
    return nonCompliant("no aws_s3_bucket_versioning refers to this bucket");
  },
};
