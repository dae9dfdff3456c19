/**
 * What third-party scanners (checkov) say about the modules where their reading differs from what
 * the module does. Read from checkov's check sources (bridgecrewio/checkov), not from a run: checkov
 * is not installed where the modules are generated.
 */
export const STATE_BACKEND_SCANNERS = [
  "## Scanners",
  "",
  "- `CKV_AWS_145` (S3 encrypted with KMS by default): `sse_algorithm` is",
  '  `(var.encryption == "sse-s3") ? "AES256" : "aws:kms"`, so a scanner that cannot evaluate the',
  '  condition reads the default, `aws:kms`. With `encryption = "sse-s3"` the bucket really uses',
  "  SSE-S3 and a scanner may still report KMS.",
  "- `CKV_AWS_18` (S3 access logging): checkov passes it for every configuration, also with",
  "  `access_log_bucket_name = null` (the default), because it keeps an `aws_s3_bucket_logging` whose",
  "  `count` is 0 in its graph. Logging is on only when you set `access_log_bucket_name`.",
  "- `CKV_AWS_144` (cross-region replication) and `CKV2_AWS_62` (event notifications) fail: not built",
  "  in, on purpose (see Access logging above).",
].join("\n");

export const MIN_PROVISIONER_SCANNERS = [
  "## Scanners",
  "",
  "checkov's IAM checks on `aws_iam_policy` (`CKV_AWS_286` to `CKV_AWS_290`, `CKV_AWS_355` and the",
  "like) report UNKNOWN here: each policy is `each.value.policy`, an instance of `for_each` over the",
  "split deploy policies, and checkov cannot turn that into a policy document. The same policies are",
  "read statement by statement by this project's own rules before the module is written (a policy they",
  "cannot read fails the run), and they are in `modules-out/policies/*.json` as plain JSON documents",
  "you can scan. Writing each part as its own resource might let checkov read them, but it would",
  "rename every `aws_iam_policy.this[...]` address (a major release), so it is not done.",
].join("\n");
