import { Testing, TerraformStack } from "cdktf";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { DynamodbTable } from "@cdktf/provider-aws/lib/dynamodb-table";
import { S3BucketLifecycleConfiguration } from "@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration";
import { StateBackend, type StateBackendProps } from "../../lib/constructs/state-backend";
import { UserError } from "../../lib/errors";

// The matchers' type declarations live in the adapter module; setupJest() registers them.
import "cdktf/lib/testing/adapters/jest";

Testing.setupJest();

/** The construct alone in a plain stack, with concrete props: what a deployable stack would write. */
function synthConstruct(props: Partial<StateBackendProps> = {}): string {
  return Testing.synthScope((scope) => {
    new StateBackend(scope, "state_backend", { bucketName: "tz-state-123456789012-eu-west-1", ...props });
  });
}

describe("StateBackend construct with concrete props", () => {
  test("defaults: KMS mode and lock files, written as literal switches", () => {
    const json = JSON.parse(synthConstruct()) as { locals: Record<string, string> };
    const locals = Object.values(json.locals);
    expect(locals).toHaveLength(4);
    expect(locals).toEqual(
      expect.arrayContaining([
        '${("kms" == "kms")}',
        '${contains(["dynamodb", "both"], "lockfile")}',
        '${contains(["lockfile", "both"], "lockfile")}',
        '${("kms" == "sse-s3") ? "AES256" : "aws:kms"}',
      ]),
    );
  });

  test("props reach the resources: days, deletion window, table name, tags", () => {
    const synthesized = synthConstruct({
      encryption: "sse-s3",
      lockMode: "dynamodb",
      lockTableName: "tz-state-locks",
      noncurrentVersionExpirationDays: 30,
      abortIncompleteMultipartUploadDays: 3,
      kmsDeletionWindowInDays: 7,
      tags: { team: "platform" },
    });
    expect(synthesized).toHaveResourceWithProperties(S3Bucket, {
      bucket: "tz-state-123456789012-eu-west-1",
      tags: { team: "platform" },
      lifecycle: { prevent_destroy: true },
    });
    expect(synthesized).toHaveResourceWithProperties(KmsKey, {
      deletion_window_in_days: 7,
      enable_key_rotation: true,
      tags: { team: "platform" },
    });
    expect(synthesized).toHaveResourceWithProperties(DynamodbTable, {
      name: "tz-state-locks",
      hash_key: "LockID",
      billing_mode: "PAY_PER_REQUEST",
      deletion_protection_enabled: true,
      point_in_time_recovery: { enabled: true },
      tags: { team: "platform" },
    });
    expect(synthesized).toHaveResourceWithProperties(S3BucketLifecycleConfiguration, {
      rule: [
        expect.objectContaining({
          noncurrent_version_expiration: [{ noncurrent_days: 30 }],
          abort_incomplete_multipart_upload: [{ days_after_initiation: 3 }],
        }),
      ],
    });
  });

  test("a dotted bucket name gets an alias KMS accepts (no dots)", () => {
    expect(synthConstruct({ bucketName: "state.example.com" })).toHaveResourceWithProperties(KmsAlias, {
      name: "alias/state-example-com",
    });
  });

  test("the lock table defaults to <bucket>-locks", () => {
    expect(synthConstruct({ lockMode: "both" })).toHaveResourceWithProperties(DynamodbTable, {
      name: "tz-state-123456789012-eu-west-1-locks",
    });
  });

  test("bad concrete props are all reported at once, each naming the value and the rule", () => {
    let thrown: unknown;
    try {
      synthConstruct({
        bucketName: "Bad_Bucket",
        encryption: "aes",
        lockMode: "redis",
        lockTableName: "x",
        noncurrentVersionExpirationDays: 0,
        abortIncompleteMultipartUploadDays: 1.5,
        kmsDeletionWindowInDays: 3,
      });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(UserError);
    expect((thrown as UserError).problems).toEqual([
      expect.stringContaining('bucketName "Bad_Bucket" must be 3-63 characters'),
      'encryption "aes" must be one of kms, sse-s3.',
      'lockMode "redis" must be one of lockfile, dynamodb, both.',
      expect.stringContaining('lockTableName "x" must be 3-255 characters'),
      "noncurrentVersionExpirationDays 0 must be a whole number of days, at least 1.",
      "abortIncompleteMultipartUploadDays 1.5 must be a whole number of days, at least 1.",
      "kmsDeletionWindowInDays 3 must be a whole number from 7 to 30.",
    ]);
  });

  test("expressions (tokens) are left to Terraform's validation, not refused", () => {
    expect(() =>
      synthConstruct({ bucketName: "${var.bucket_name}", encryption: "${var.encryption}" }),
    ).not.toThrow();
  });

  test("two backends in one ordinary stack do not clash", () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, "two");
    new StateBackend(stack, "first", { bucketName: "first-state" });
    new StateBackend(stack, "second", { bucketName: "second-state" });
    const json = JSON.parse(Testing.synth(stack)) as {
      resource: { aws_s3_bucket: Record<string, { bucket: string }> };
    };
    expect(
      Object.values(json.resource.aws_s3_bucket)
        .map((bucket) => bucket.bucket)
        .sort(),
    ).toEqual(["first-state", "second-state"]);
  });
});
