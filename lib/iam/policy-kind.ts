/**
 * Where a policy is attached, which decides what it may say and how large it may be:
 * - `identity`: a managed or inline policy on a principal (no Principal; 6,144 characters);
 * - `bucket`: an S3 bucket policy (Principal required; 20 KiB);
 * - `key`: a KMS key policy (Principal required, Resource is `*` = this key; 32 KiB);
 * - `trust`: a role's trust policy (Principal, no Resource; 2,048 characters by default).
 */
export type PolicyKind = "identity" | "bucket" | "key" | "trust";

/**
 * AWS quotas: identity and trust policies count non-whitespace characters; bucket and key policies
 * count bytes. 2,048 is IAM's default "role trust policy length" quota (it can be raised on request).
 */
export const POLICY_SIZE_LIMITS: Readonly<Record<PolicyKind, number>> = {
  identity: 6144,
  bucket: 20 * 1024,
  key: 32 * 1024,
  trust: 2048,
};

/** IAM counts identity and trust policies in characters without whitespace; S3 and KMS in bytes. */
export function countsCharacters(kind: PolicyKind): boolean {
  return kind === "identity" || kind === "trust";
}

/** Resource policies (bucket, key) name who they apply to in each statement. */
export function isResourcePolicy(kind: PolicyKind): boolean {
  return kind === "bucket" || kind === "key";
}
