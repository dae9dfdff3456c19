import { cpSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

/**
 * A small provider-free modules-out tree (one module and one policy), so diff and publish tests do
 * not depend on the real modules being complete. Its HCL is valid Terraform and applies offline.
 */
export const FIXTURE_MODULE = "state-access-policy";

export const fixtureFiles = (): Record<string, string> => ({
  "hcl/state-access-policy/versions.tf": 'terraform {\n  required_version = ">= 1.10"\n}\n',
  "hcl/state-access-policy/variables.tf": [
    'variable "bucket_name" {',
    '  description = "State bucket."',
    "  type        = string",
    "}",
    "",
    'variable "state_key_prefix" {',
    '  description = "Key prefix, ending with /."',
    "  type        = string",
    '  default     = "tz/v1/"',
    "}",
    "",
  ].join("\n"),
  "hcl/state-access-policy/outputs.tf": [
    'output "runtime_policy_json" {',
    "  value = jsonencode({",
    '    Version = "2012-10-17"',
    "    Statement = [{",
    '      Sid      = "ReadWriteStateObjectsOnly"',
    '      Effect   = "Allow"',
    '      Action   = ["s3:GetObject", "s3:PutObject"]',
    '      Resource = ["arn:aws:s3:::${var.bucket_name}/${var.state_key_prefix}*"]',
    "    }]",
    "  })",
    "}",
    "",
  ].join("\n"),
  "json/state-access-policy/variables.tf.json": JSON.stringify(
    {
      variable: {
        bucket_name: { description: "State bucket.", type: "string" },
        state_key_prefix: { description: "Key prefix, ending with /.", type: "string", default: "tz/v1/" },
      },
    },
    null,
    2,
  ),
  "json/state-access-policy/outputs.tf.json": JSON.stringify(
    { output: { runtime_policy_json: { value: "${jsonencode({})}" } } },
    null,
    2,
  ),
  "json/state-access-policy/main.tf.json": JSON.stringify({ locals: { service: "s3" } }, null, 2),
  "policies/state-runtime.json": JSON.stringify(
    {
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "ReadWriteStateObjectsOnly",
          Effect: "Allow",
          Action: ["s3:GetObject", "s3:PutObject"],
          Resource: ["arn:aws:s3:::tz-state-123456789012-eu-west-1/tz/v1/*"],
        },
      ],
    },
    null,
    2,
  ),
});

/** Writes files (relative path -> text) under root. */
export function writeFiles(root: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}

/** A generator that "regenerates" by copying a source tree: what the code would produce. */
export const copyGenerator = (source: string) => async (outDir: string) => {
  cpSync(source, outDir, { recursive: true });
};
