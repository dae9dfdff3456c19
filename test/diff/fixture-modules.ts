/**
 * A small modules-out tree (one module and one policy) as path -> text, for the semantic-diff unit
 * tests, which compare two trees and never generate one. Drift and publish tests use the real
 * generateModules instead.
 */
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
