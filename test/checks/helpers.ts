import { runSecurityChecks, type Finding } from "../../lib/checks/run-security-checks";
import type { SecurityRule } from "../../lib/checks/rule";
import type { PolicyDocument } from "../../lib/policy/model";

/** Runs one rule on one stack's Terraform JSON and returns the findings for `resource`. */
export async function check(
  rule: SecurityRule,
  terraform: object,
  resource: string,
  options: { policies?: ReadonlyMap<string, readonly PolicyDocument[]>; environmentNames?: string[] } = {},
): Promise<Finding> {
  const report = await runSecurityChecks([{ name: "test", terraform, policies: options.policies }], [], {
    rules: [rule],
    environmentNames: options.environmentNames,
  });
  const found = report.findings.filter((finding) => finding.resource === resource);
  if (found.length !== 1)
    throw new Error(`expected one finding for ${resource}, got ${JSON.stringify(report.findings)}`);
  return found[0];
}

const BUCKET_REF = "${aws_s3_bucket.this.id}";

/** A bucket stack that satisfies every S3 rule (the state-backend module's shape). */
export function compliantBucketStack(): Record<
  string,
  Record<string, Record<string, Record<string, unknown>>>
> {
  return {
    resource: {
      aws_s3_bucket: { this: { bucket: "${var.bucket_name}" } },
      aws_s3_bucket_public_access_block: {
        this: {
          bucket: BUCKET_REF,
          block_public_acls: true,
          block_public_policy: true,
          ignore_public_acls: true,
          restrict_public_buckets: true,
        },
      },
      aws_s3_bucket_versioning: {
        this: { bucket: BUCKET_REF, versioning_configuration: { status: "Enabled" } },
      },
      aws_s3_bucket_ownership_controls: {
        this: { bucket: BUCKET_REF, rule: { object_ownership: "BucketOwnerEnforced" } },
      },
      aws_s3_bucket_server_side_encryption_configuration: {
        this: {
          bucket: BUCKET_REF,
          rule: [
            {
              apply_server_side_encryption_by_default: {
                sse_algorithm: '${var.encryption == "kms" ? "aws:kms" : "AES256"}',
              },
              bucket_key_enabled: true,
            },
          ],
        },
      },
      aws_s3_bucket_policy: {
        this: {
          bucket: BUCKET_REF,
          // JSON text whose strings interpolate the bucket ARN, as a heredoc policy would.
          policy: JSON.stringify({
            Version: "2012-10-17",
            Statement: [
              {
                Sid: "DenyInsecureTransport",
                Effect: "Deny",
                Principal: "*",
                Action: ["s3:*"],
                Resource: ["${aws_s3_bucket.this.arn}", "${aws_s3_bucket.this.arn}/*"],
                Condition: { Bool: { "aws:SecureTransport": "false" } },
              },
            ],
          }),
        },
      },
    },
  };
}

/** An identity policy resource holding the given statements as a JSON string. */
export function identityPolicyStack(statements: object[]): object {
  return {
    resource: {
      aws_iam_policy: {
        this: { name: "tz-deploy", policy: JSON.stringify({ Version: "2012-10-17", Statement: statements }) },
      },
    },
  };
}

/** A role whose trust policy lets `principal` (a JSON value: list of ARNs, or "*") assume it. */
export function trustPolicyStack(principal: unknown): object {
  return {
    resource: {
      aws_iam_role: {
        this: {
          name: "tz-MinProvisioner",
          assume_role_policy: JSON.stringify({
            Version: "2012-10-17",
            Statement: [{ Effect: "Allow", Principal: { AWS: principal }, Action: ["sts:AssumeRole"] }],
          }),
        },
      },
    },
  };
}

/** An Allow statement (Action, Resource and any extra fields such as Condition or Principal). */
export const allow = (Action: string | string[], Resource: string | string[], extra: object = {}) => ({
  Effect: "Allow",
  Action,
  Resource,
  ...extra,
});
