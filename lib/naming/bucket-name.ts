import { AWS_RULES, satisfies } from "./aws-rules";

/** Prefixes and suffixes AWS reserves for bucket names (Amazon S3 User Guide, bucket naming rules). */
export const RESERVED_BUCKET_PREFIXES = ["xn--", "sthree-", "amzn-s3-demo-"] as const;
export const RESERVED_BUCKET_SUFFIXES = ["-s3alias", "--ol-s3", "--x-s3", "--table-s3", ".mrap"] as const;

/** terraform-provider-aws internal/service/s3/bucket.go `validBucketName` uses the same pattern. */
const IP_ADDRESS = /^(?:[0-9]{1,3}\.){3}[0-9]{1,3}$/;

/**
 * The first S3 naming rule a general-purpose bucket name breaks, as the words after "must", or
 * undefined when it satisfies them all. The length/charset rule is AWS_RULES.bucketName; the rest
 * cannot be written in that one pattern (the Terraform validation blocks use it alone).
 */
export function bucketNameProblem(name: string): string | undefined {
  if (!satisfies("bucketName", name)) return `be ${AWS_RULES.bucketName.rule}`;
  if (name.includes("..")) return "not contain two adjacent periods ('..')";
  if (IP_ADDRESS.test(name)) return "not be formatted as an IP address";
  const prefix = RESERVED_BUCKET_PREFIXES.find((reserved) => name.startsWith(reserved));
  if (prefix) return `not start with "${prefix}" (AWS reserves ${RESERVED_BUCKET_PREFIXES.join(", ")})`;
  const suffix = RESERVED_BUCKET_SUFFIXES.find((reserved) => name.endsWith(reserved));
  if (suffix) return `not end with "${suffix}" (AWS reserves ${RESERVED_BUCKET_SUFFIXES.join(", ")})`;
  return undefined;
}
