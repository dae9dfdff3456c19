import { s3PublicAccessBlock } from "../../lib/checks/rules/s3/public-access-block";
import { s3TlsOnly } from "../../lib/checks/rules/s3/tls-only";
import { s3Encryption } from "../../lib/checks/rules/s3/encryption";
import { s3Versioning } from "../../lib/checks/rules/s3/versioning";
import { s3Ownership } from "../../lib/checks/rules/s3/ownership";
import { check, compliantBucketStack } from "./helpers";

const BUCKET = "aws_s3_bucket.this";

describe("S3 rules", () => {
  it.each([s3PublicAccessBlock, s3TlsOnly, s3Encryption, s3Versioning, s3Ownership])(
    "$id: the state-backend bucket shape is compliant",
    async (rule) => {
      expect((await check(rule, compliantBucketStack(), BUCKET)).status).toBe("compliant");
    },
  );

  it("S3.PublicAccessBlock: one flag false is non-compliant, naming the flag", async () => {
    const stack = compliantBucketStack();
    stack.resource.aws_s3_bucket_public_access_block.this.restrict_public_buckets = false;
    const finding = await check(s3PublicAccessBlock, stack, BUCKET);
    expect(finding.status).toBe("non-compliant");
    expect(finding.detail).toContain("restrict_public_buckets is false");
  });

  it("S3.PublicAccessBlock: a flag set by a variable is not proof", async () => {
    const stack = compliantBucketStack();
    stack.resource.aws_s3_bucket_public_access_block.this.block_public_policy = "${var.block}";
    expect((await check(s3PublicAccessBlock, stack, BUCKET)).status).toBe("non-compliant");
  });

  it("S3.PublicAccessBlock: a missing block is non-compliant", async () => {
    const stack = compliantBucketStack();
    delete stack.resource.aws_s3_bucket_public_access_block;
    expect((await check(s3PublicAccessBlock, stack, BUCKET)).detail).toMatch(
      /no aws_s3_bucket_public_access_block/,
    );
  });

  it("S3.TlsOnly: a bucket policy without the SecureTransport deny is non-compliant", async () => {
    const stack = compliantBucketStack();
    stack.resource.aws_s3_bucket_policy.this.policy = JSON.stringify({
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Deny",
          Principal: "*",
          Action: "s3:*",
          Resource: ["arn:aws:s3:::b", "arn:aws:s3:::b/*"],
          Condition: { Bool: { "aws:SecureTransport": "true" } },
        },
      ],
    });
    expect((await check(s3TlsOnly, stack, BUCKET)).status).toBe("non-compliant");
  });

  describe("S3.TlsOnly: the deny must cover the bucket and its objects", () => {
    const tlsDeny = (Resource: string[]) => ({
      Effect: "Deny",
      Principal: "*",
      Action: "s3:*",
      Resource,
      Condition: { Bool: { "aws:SecureTransport": "false" } },
    });
    const withStatements = (statements: object[]) => {
      const stack = compliantBucketStack();
      stack.resource.aws_s3_bucket_policy.this.policy = JSON.stringify({
        Version: "2012-10-17",
        Statement: statements,
      });
      return stack;
    };
    it.each([
      ["the bucket only", [tlsDeny(["arn:aws:s3:::b"])], "non-compliant"],
      ["the objects only", [tlsDeny(["arn:aws:s3:::b/*"])], "non-compliant"],
      ["both in one statement", [tlsDeny(["arn:aws:s3:::b", "arn:aws:s3:::b/*"])], "compliant"],
      ["both in two statements", [tlsDeny(["arn:aws:s3:::b"]), tlsDeny(["arn:aws:s3:::b/*"])], "compliant"],
      ["everything (*)", [tlsDeny(["*"])], "compliant"],
    ])("a deny on %s is %s", async (_name, statements, expected) => {
      expect((await check(s3TlsOnly, withStatements(statements), BUCKET)).status).toBe(expected);
    });
  });

  it("S3.TlsOnly: no bucket policy at all is non-compliant", async () => {
    const stack = compliantBucketStack();
    delete stack.resource.aws_s3_bucket_policy;
    expect((await check(s3TlsOnly, stack, BUCKET)).status).toBe("non-compliant");
  });

  it("S3.TlsOnly: a policy computed elsewhere is not-applicable with a note", async () => {
    const stack = compliantBucketStack();
    stack.resource.aws_s3_bucket_policy.this.policy = "${var.policy}";
    const finding = await check(s3TlsOnly, stack, BUCKET);
    expect(finding.status).toBe("not-applicable");
    expect(finding.detail).toContain("var.policy");
  });

  it("S3.EncryptionEnforced: missing configuration or a bad algorithm is non-compliant", async () => {
    const missing = compliantBucketStack();
    delete missing.resource.aws_s3_bucket_server_side_encryption_configuration;
    expect((await check(s3Encryption, missing, BUCKET)).status).toBe("non-compliant");

    const opaque = compliantBucketStack();
    opaque.resource.aws_s3_bucket_server_side_encryption_configuration.this.rule = {
      apply_server_side_encryption_by_default: { sse_algorithm: "${var.algorithm}" },
    };
    expect((await check(s3Encryption, opaque, BUCKET)).status).toBe("non-compliant");
  });

  it("S3.EncryptionEnforced: an algorithm chosen through a local is followed to its literals", async () => {
    const stack = compliantBucketStack() as Record<string, unknown> & ReturnType<typeof compliantBucketStack>;
    stack.resource.aws_s3_bucket_server_side_encryption_configuration.this.rule = {
      apply_server_side_encryption_by_default: { sse_algorithm: "${local.sse_algorithm}" },
    };
    stack.locals = { sse_algorithm: '${local.kms_enabled ? "aws:kms" : "AES256"}' } as never;
    expect((await check(s3Encryption, stack, BUCKET)).status).toBe("compliant");
    stack.locals = { sse_algorithm: '${local.kms_enabled ? "aws:kms" : "none"}' } as never;
    expect((await check(s3Encryption, stack, BUCKET)).status).toBe("non-compliant");
  });

  it("S3.Versioning: Suspended is non-compliant", async () => {
    const stack = compliantBucketStack();
    stack.resource.aws_s3_bucket_versioning.this.versioning_configuration = { status: "Suspended" };
    const finding = await check(s3Versioning, stack, BUCKET);
    expect(finding.status).toBe("non-compliant");
    expect(finding.detail).toContain('"Suspended"');
  });

  it("S3.OwnershipEnforced: BucketOwnerPreferred is non-compliant", async () => {
    const stack = compliantBucketStack();
    stack.resource.aws_s3_bucket_ownership_controls.this.rule = { object_ownership: "BucketOwnerPreferred" };
    expect((await check(s3Ownership, stack, BUCKET)).status).toBe("non-compliant");
  });

  it("companions of another bucket do not count for this one", async () => {
    const stack = compliantBucketStack();
    stack.resource.aws_s3_bucket.logs = { bucket: "tz-logs" };
    expect((await check(s3Versioning, stack, "aws_s3_bucket.logs")).status).toBe("non-compliant");
  });
});
