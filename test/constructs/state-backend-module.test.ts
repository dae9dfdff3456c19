import { synthStateBackendModule, type ModuleJson } from "./state-backend-fixture";

/** var.tags, plus Environment when environment_name is set (evaluated by terraform in state-backend-variables). */
const TAGS = "${merge(var.tags, var.environment_name == null ? {} : { Environment = var.environment_name })}";

const synthesized: ModuleJson = synthStateBackendModule();
const resource = (type: string): Record<string, unknown> => {
  const found = synthesized.resource[type]?.this;
  if (!found) throw new Error(`${type}.this is missing from the module`);
  return found;
};

describe("state-backend module: the bucket", () => {
  test("bucket is named by var.bucket_name, cannot be force-destroyed and has a literal prevent_destroy", () => {
    expect(resource("aws_s3_bucket")).toMatchObject({
      bucket: "${var.bucket_name}",
      force_destroy: false,
      lifecycle: { prevent_destroy: true },
    });
  });

  test("versioning is enabled on this bucket", () => {
    expect(resource("aws_s3_bucket_versioning")).toEqual({
      bucket: "${aws_s3_bucket.this.id}",
      versioning_configuration: { status: "Enabled" },
    });
  });

  test("public access block sets all four flags", () => {
    expect(resource("aws_s3_bucket_public_access_block")).toEqual({
      bucket: "${aws_s3_bucket.this.id}",
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
  });

  test("object ownership is BucketOwnerEnforced (ACLs disabled)", () => {
    expect(resource("aws_s3_bucket_ownership_controls")).toEqual({
      bucket: "${aws_s3_bucket.this.id}",
      rule: { object_ownership: "BucketOwnerEnforced" },
    });
  });

  test("default encryption follows the mode: algorithm, key and bucket key from the locals", () => {
    expect(resource("aws_s3_bucket_server_side_encryption_configuration")).toEqual({
      bucket: "${aws_s3_bucket.this.id}",
      rule: [
        {
          apply_server_side_encryption_by_default: {
            sse_algorithm: "${local.sse_algorithm}",
            kms_master_key_id: "${one(aws_kms_key.this[*].arn)}",
          },
          bucket_key_enabled: "${local.kms_enabled}",
        },
      ],
    });
  });

  test("access logging: only with access_log_bucket_name, to that bucket under <bucket_name>/", () => {
    expect(resource("aws_s3_bucket_logging")).toEqual({
      count: "${var.access_log_bucket_name != null ? 1 : 0}",
      bucket: "${aws_s3_bucket.this.id}",
      target_bucket: "${var.access_log_bucket_name}",
      target_prefix: "${aws_s3_bucket.this.bucket}/",
    });
  });

  test("lifecycle: whole bucket, noncurrent versions expire after the variable's days, delete markers and multipart uploads cleaned", () => {
    const lifecycle = resource("aws_s3_bucket_lifecycle_configuration");
    expect(lifecycle.bucket).toBe("${aws_s3_bucket.this.id}");
    expect(lifecycle.depends_on).toEqual(["aws_s3_bucket_versioning.this"]);
    const rules = lifecycle.rule as Array<Record<string, unknown>>;
    expect(rules).toHaveLength(1);
    expect(rules[0]).toEqual({
      id: "expire-noncurrent-versions",
      status: "Enabled",
      filter: [{}],
      noncurrent_version_expiration: [{ noncurrent_days: "${var.noncurrent_version_expiration_days}" }],
      expiration: [{ expired_object_delete_marker: true }],
      abort_incomplete_multipart_upload: [{ days_after_initiation: 7 }],
    });
  });

  test("bucket policy is attached after the public access block", () => {
    const policy = resource("aws_s3_bucket_policy");
    expect(policy.bucket).toBe("${aws_s3_bucket.this.id}");
    expect(policy.depends_on).toEqual(["aws_s3_bucket_public_access_block.this"]);
  });
});

describe("state-backend module: the KMS key", () => {
  test("key: rotation on, deletion window at least 7 days, literal prevent_destroy, only in KMS mode", () => {
    const key = resource("aws_kms_key");
    expect(key).toMatchObject({
      count: "${local.kms_enabled ? 1 : 0}",
      enable_key_rotation: true,
      lifecycle: { prevent_destroy: true },
    });
    expect(key.deletion_window_in_days).toBeGreaterThanOrEqual(7);
    expect(key.deletion_window_in_days).toBeLessThanOrEqual(30);
  });

  test("alias exists exactly when the key does and points at it", () => {
    expect(resource("aws_kms_alias")).toEqual({
      count: "${local.kms_enabled ? 1 : 0}",
      name: 'alias/${replace(var.bucket_name, ".", "-")}',
      target_key_id: "${aws_kms_key.this[0].key_id}",
    });
  });
});

describe("state-backend module: the lock table", () => {
  test("table: LockID string hash key, on demand, PITR, SSE with the CMK, deletion protection, prevent_destroy", () => {
    expect(resource("aws_dynamodb_table")).toEqual({
      count: "${local.lock_table_enabled ? 1 : 0}",
      name: '${coalesce(var.lock_table_name, "${var.bucket_name}-locks")}',
      hash_key: "LockID",
      attribute: [{ name: "LockID", type: "S" }],
      billing_mode: "PAY_PER_REQUEST",
      point_in_time_recovery: { enabled: true },
      server_side_encryption: { enabled: true, kms_key_arn: "${one(aws_kms_key.this[*].arn)}" },
      deletion_protection_enabled: true,
      lifecycle: { prevent_destroy: true },
      tags: TAGS,
    });
  });
});

describe("state-backend module: tags", () => {
  const TAGGABLE = ["aws_s3_bucket", "aws_kms_key", "aws_dynamodb_table"];
  const UNTAGGABLE = [
    "aws_kms_alias",
    "aws_s3_bucket_versioning",
    "aws_s3_bucket_public_access_block",
    "aws_s3_bucket_ownership_controls",
    "aws_s3_bucket_server_side_encryption_configuration",
    "aws_s3_bucket_policy",
    "aws_s3_bucket_lifecycle_configuration",
    "aws_s3_bucket_logging",
  ];

  test("every resource type is classified (a new resource must decide about tags)", () => {
    expect(Object.keys(synthesized.resource).sort()).toEqual([...TAGGABLE, ...UNTAGGABLE].sort());
  });

  // The state_backend deploy policy creates the key only with Environment = <environment_name>.
  test.each(TAGGABLE)("%s carries var.tags and Environment = var.environment_name", (type) => {
    expect(resource(type).tags).toBe(TAGS);
  });
});

describe("state-backend module: mode switches (locals and counts)", () => {
  test("locals derive the switches from var.encryption and var.lock_mode", () => {
    expect(synthesized.locals).toEqual({
      kms_enabled: '${(var.encryption == "kms")}',
      // aws:kms in the else branch: what a scanner that cannot evaluate the condition reads (CKV_AWS_145).
      sse_algorithm: '${(var.encryption == "sse-s3") ? "AES256" : "aws:kms"}',
      lock_table_enabled: '${contains(["dynamodb", "both"], var.lock_mode)}',
      use_lockfile: '${contains(["lockfile", "both"], var.lock_mode)}',
    });
  });
});

describe("state-backend module: outputs", () => {
  test("the contract's outputs, each with a description", () => {
    expect(Object.keys(synthesized.output).sort()).toEqual(
      [
        "backend_config",
        "bucket_arn",
        "bucket_name",
        "kms_key_arn",
        "kms_key_id",
        "lock_table_arn",
        "lock_table_name",
        "runtime_policy_json",
      ].sort(),
    );
    for (const output of Object.values(synthesized.output))
      expect(output.description.length).toBeGreaterThan(10);
  });

  test("resource outputs point at this module's resources (null when absent, via one())", () => {
    expect(synthesized.output.bucket_name.value).toBe("${aws_s3_bucket.this.bucket}");
    expect(synthesized.output.bucket_arn.value).toBe("${aws_s3_bucket.this.arn}");
    expect(synthesized.output.kms_key_arn.value).toBe("${one(aws_kms_key.this[*].arn)}");
    expect(synthesized.output.kms_key_id.value).toBe("${one(aws_kms_key.this[*].key_id)}");
    expect(synthesized.output.lock_table_name.value).toBe("${one(aws_dynamodb_table.this[*].name)}");
    expect(synthesized.output.lock_table_arn.value).toBe("${one(aws_dynamodb_table.this[*].arn)}");
  });
});
