/**
 * What third-party scanners (checkov) say about the modules where their reading differs from what
 * the module does, as a checkov run from source showed (README, Third-party scanners: commit, command,
 * every finding).
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
  "- `CKV_AWS_70` (bucket policy) and `CKV_AWS_143` (object lock) report UNKNOWN on the bucket, which",
  "  has no inline `policy` or `object_lock_configuration` for them to read, and `CKV_AWS_70` on",
  "  `aws_s3_bucket_policy.this` as well; that policy is judged by this project's own rules.",
  "- JSON flavour: scan it with `--framework terraform_json --skip-path 'versions.tf.json|moved.tf.json'`;",
  "  checkov's `terraform_json` parser stops on the `terraform` block's `required_version` (checkov",
  "  issue 7454) and on a list of `moved` blocks.",
].join("\n");

export const MIN_PROVISIONER_SCANNERS = [
  "## Scanners",
  "",
  "Each deploy policy part is its own `aws_iam_policy` (`<profile>_<n>`, `count` by `deploy_profiles`)",
  "with its document written in `policy`, and the trust policy is written in `assume_role_policy`, so",
  "a scanner reads them without evaluating `for_each` or a local. `moved` blocks carry the former",
  '`aws_iam_policy.this["<profile>-<n>"]` instances (and their attachments): upgrading replaces nothing.',
  "",
  "- `CKV_AWS_355` fails on `aurora_cluster_1`: `rds:DescribeGlobalClusters` on `*`. Every read of an",
  "  `aws_rds_cluster` lists global clusters filtered by the cluster's ARN, a request that names no",
  "  global cluster, so IAM can only authorize it on `*`.",
  "- The cloudsplaining checks (`CKV_AWS_286` to `CKV_AWS_290`, `CKV_AWS_355`) report UNKNOWN where",
  "  checkov cannot evaluate the `jsonencode`: on `state_backend_1` unless it is given the required",
  "  inputs (`--var-file`; an unset variable inside a condition breaks its evaluation), on",
  '  `aurora_cluster_2` and `ecs_compute_2` because long ARNs are written as `join("", [...])`, and on',
  "  `ecs_compute_1` and `ecs_compute_2` because the boundary statements are added with `concat`. The",
  "  JSON flavour's `terraform_json` framework evaluates no `jsonencode`: UNKNOWN on every part. The",
  "  same documents are read statement by statement by this project's rules, and are in",
  "  `modules-out/policies/*.json`.",
  "- JSON flavour: scan it with `--framework terraform_json --skip-path 'versions.tf.json|moved.tf.json'`",
  "  (checkov issue 7454; its parser also stops on a list of `moved` blocks, kept in `moved.tf.json`).",
].join("\n");
