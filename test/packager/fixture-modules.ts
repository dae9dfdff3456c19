import { App, TerraformLocal, TerraformOutput } from "cdktf";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketLifecycleConfiguration } from "@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration";
import { ModuleStack } from "../../lib/stacks/module-stack";

/** The backend block text a module hands out; multi-line, so HCL renders it as a heredoc. */
export const BACKEND_TEXT =
  'terraform {\n  backend "s3" {\n    bucket = "${aws_s3_bucket.this.bucket}"\n  }\n}\n';

/**
 * Two modules that exercise every packager contract point independently of the real modules:
 * a provider module (bucket, nested blocks, lifecycle, validation, heredoc output, tricky strings)
 * and a provider-free one (locals and a jsonencode policy output only).
 */
export function buildFixtureModules(outdir: string, bucketCount = 1): { app: App; stacks: ModuleStack[] } {
  const app = new App({ outdir });
  const bucketModule = new ModuleStack(app, {
    moduleName: "fixture-bucket",
    usesAwsProvider: true,
    docs: {
      purpose: "A fixture bucket module.",
      usage: { bucket_name: "fixture-bucket" },
      sections: ["## Notes\n\nKept verbatim | with a pipe."],
    },
  });
  const bucketName = bucketModule.addVariable("bucket_name", {
    type: "string",
    description: 'Bucket name; "quoted" and | piped.',
    validation: [
      {
        condition: '${can(regex("^[a-z0-9.-]{3,63}$", var.bucket_name))}',
        errorMessage: 'bucket_name must be 3-63 of "a-z0-9.-", got ${var.bucket_name}.',
      },
    ],
  });
  bucketModule.addVariable("kms_key_arn", {
    type: "string",
    description: "Key ARN or null.",
    nullDefault: true,
  });
  bucketModule.addVariable("tags", {
    type: "map(string)",
    description: "Tags.",
    default: { team: "platform" },
  });
  for (let index = 0; index < bucketCount; index += 1) {
    const id = index === 0 ? "this" : `extra_${index}`;
    const bucket = new S3Bucket(bucketModule, id, {
      bucket: index === 0 ? bucketName.stringValue : `${bucketName.stringValue}-${index}`,
      tags: { Name: "C:\\path\\like", "aws:role": "state" },
      lifecycle: { preventDestroy: true },
    });
    new S3BucketLifecycleConfiguration(
      bucketModule,
      index === 0 ? "noncurrent" : `extra_lifecycle_${index}`,
      {
        bucket: bucket.id,
        rule: [
          {
            id: "noncurrent",
            status: "Enabled",
            filter: [{ prefix: "" }],
            noncurrentVersionExpiration: [{ noncurrentDays: 30 }],
          },
        ],
      },
    );
  }
  new TerraformOutput(bucketModule, "backend_config", {
    value: BACKEND_TEXT,
    description: "A backend block.",
  });
  new TerraformOutput(bucketModule, "bucket_arn", {
    value: "${aws_s3_bucket.this.arn}",
    description: "ARN.",
  });

  const policyModule = new ModuleStack(app, {
    moduleName: "fixture-policy",
    usesAwsProvider: false,
    docs: { purpose: "A provider-free fixture.", usage: {} },
  });
  policyModule.addVariable("prefix", { type: "string", description: "Key prefix.", default: "tz/v1/" });
  new TerraformLocal(policyModule, "disabled", false);
  new TerraformLocal(policyModule, "actions", ["s3:GetObject", "s3:PutObject"]);
  new TerraformOutput(policyModule, "policy_json", {
    value:
      '${jsonencode({"Version" = "2012-10-17", "Statement" = [{"Effect" = "Allow", "Action" = local.actions, "Resource" = "arn:aws:s3:::b/${var.prefix}*"}]})}',
    description: "Policy.",
  });
  return { app, stacks: [bucketModule, policyModule] };
}

/** Many policy documents: enough files that a kill lands in the middle of writing them. */
export function bigPolicies(count: number): Array<{ id: string; policy: unknown }> {
  return Array.from({ length: count }, (_, index) => ({
    id: `policy-${String(index).padStart(5, "0")}`,
    policy: {
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Action: ["s3:GetObject"], Resource: `arn:aws:s3:::bucket-${index}/*` }],
    },
  }));
}
