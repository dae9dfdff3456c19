import { param } from "../hcl/template";
import { sdkPartitionOf } from "./aws-regions";

/**
 * AWS partitions the modules support, each with the DNS suffix of its service endpoints and the
 * prefix its region names start with (terraform-provider-aws `names.PartitionForRegion` and
 * `names.DNSSuffixForPartition`). Every ARN is `arn:<partition>:...`; an ARN of another
 * partition names a resource the policy can never reach.
 */
export const PARTITIONS = {
  aws: { dnsSuffix: "amazonaws.com", regionPrefix: "" },
  "aws-cn": { dnsSuffix: "amazonaws.com.cn", regionPrefix: "cn-" },
  "aws-us-gov": { dnsSuffix: "amazonaws.com", regionPrefix: "us-gov-" },
} as const;

export type Partition = keyof typeof PARTITIONS;
export const PARTITION_IDS = Object.keys(PARTITIONS) as Partition[];
export const DEFAULT_PARTITION: Partition = "aws";

/** The placeholders every ARN template and `kms:ViaService` value uses. */
export const PARTITION = param("partition");
export const DNS_SUFFIX = param("dns_suffix");

/** The longest values, for the worst-case policy size. */
export const PARTITION_LONGEST = {
  partition: "aws-us-gov",
  dns_suffix: "amazonaws.com.cn",
} as const;

/** Is the partition one these modules support? */
export const isSupportedPartition = (id: string): id is Partition => Object.hasOwn(PARTITIONS, id);

/**
 * The partition a region belongs to, from AWS's region list (lib/naming/aws-regions.ts). The
 * settings refuse regions of other partitions, so meeting one here is a bug.
 */
export function partitionOfRegion(region: string): Partition {
  const partition = sdkPartitionOf(region);
  if (!isSupportedPartition(partition))
    throw new Error(`region ${region} is in partition ${partition}, which the modules do not support`);
  return partition;
}

/** The template values of a partition: `{partition}` and `{dns_suffix}`. */
export function partitionValues(partition: Partition): { partition: string; dns_suffix: string } {
  return { partition, dns_suffix: PARTITIONS[partition].dnsSuffix };
}

/** `partitionOfRegion` as a Terraform expression over an HCL expression of a region. */
export function partitionOfRegionHcl(regionExpression: string): string {
  return (
    `startswith(${regionExpression}, "${PARTITIONS["aws-cn"].regionPrefix}") ? "aws-cn" : ` +
    `(startswith(${regionExpression}, "${PARTITIONS["aws-us-gov"].regionPrefix}") ? "aws-us-gov" : "aws")`
  );
}

/** The DNS suffix of a partition as a Terraform expression over an HCL expression of the partition. */
export function dnsSuffixHcl(partitionExpression: string): string {
  const entries = PARTITION_IDS.map((id) => `"${id}" = "${PARTITIONS[id].dnsSuffix}"`).join(", ");
  return `{${entries}}[${partitionExpression}]`;
}
