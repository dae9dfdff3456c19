import { TerraformOutput, Token, type TerraformVariableValidationConfig } from "cdktf";
import { STATE_BACKEND_SCANNERS } from "./scanner-notes";
import { STATE_BACKEND_TESTS, STATE_BACKEND_TESTS_DOC } from "./tftests/state-backend";
import { Construct } from "constructs";
import type { Settings } from "../config/schema";
import { AWS_RULES, type AwsRuleName } from "../naming/aws-rules";
import { renderTerraformExpression } from "../policy/render-terraform";
import { stateRuntimePolicy } from "../policy/documents/state-access";
import {
  BACKEND_KEY_PLACEHOLDER,
  DEFAULTS,
  LOCK_MODES,
  STATE_ENCRYPTIONS,
  StateBackend,
  hclExpression,
} from "../constructs/state-backend";
import { registerPolicy } from "../policy/registry";
import { ModuleStack } from "./module-stack";
import { deployPermissionsMarkdown } from "../permissions/deploy-docs";
import { quoted, raw } from "../hcl/text";
import { defaultLockTableName } from "../naming/state-backend";
import { ENVIRONMENT_TAG } from "../permissions/derive";

/**
 * Default `state_key_prefix`: the runtime policy output grants state access under this prefix only.
 * Not in the DESIGN contract (which gives this module no prefix); added so the policy can be scoped.
 */
export const DEFAULT_STATE_KEY_PREFIX = "terraform/";

const PURPOSE =
  "A hardened S3 backend for Terraform state: a versioned, private, TLS-only bucket encrypted with a " +
  "dedicated KMS key (rotation on, S3 bucket key) or SSE-S3, lifecycle rules that expire old state " +
  "versions, S3-native lock files or an optional DynamoDB lock table (PITR, encryption, deletion " +
  'protection), and outputs that hand you the `backend "s3"` block and the least-privilege runtime policy.';

const SECTIONS: readonly string[] = [
  [
    "## Lock modes",
    "",
    "| `lock_mode` | lock mechanism | needs |",
    "|---|---|---|",
    "| `lockfile` (default) | S3-native lock files (`use_lockfile = true`) | Terraform >= 1.11 or OpenTofu >= 1.10 |",
    "| `dynamodb` | DynamoDB table `lock_table_name` (`LockID` hash key, on demand) | any Terraform version |",
    "| `both` | both at once, for migrating from DynamoDB to lock files | Terraform >= 1.11 or OpenTofu >= 1.10 |",
    "",
    "Lock files are objects named `<key>.tflock`. S3 lifecycle filters cannot match a suffix, so their",
    "churn of noncurrent versions is cleared by the `noncurrent_version_expiration_days` rule.",
  ].join("\n"),
  [
    "## Encryption",
    "",
    '`encryption = "kms"` (default) creates a customer managed key with rotation on and the alias',
    "`alias/<bucket_name>` (dots as '-': alias names allow no '.'); the bucket uses it with an S3 bucket key and the lock table (if any) uses it too.",
    "Its key policy keeps AWS's account delegation (`kms:*` for the account root, so IAM policies decide)",
    "and denies data use except through S3 (for this bucket only) and DynamoDB.",
    '`encryption = "sse-s3"` uses S3-managed keys (AES256) and creates no key.',
    "",
    "The bucket policy denies every request not sent over TLS and every put that asks for another",
    "encryption (another algorithm, SSE-C, or in KMS mode another key, or `aws:kms` without naming the",
    "key). Puts that send no encryption header get the bucket's default encryption, so clients that",
    "write lock files without one keep working. Clients that name the key must name it by its ARN.",
  ].join("\n"),
  [
    "## Using the outputs",
    "",
    '`backend_config` is a complete `terraform { backend "s3" { ... } }` block, already in',
    "`terraform fmt` layout: `terraform output -raw backend_config > backend.tf` in the consuming",
    `configuration, then replace \`${BACKEND_KEY_PLACEHOLDER}\` in \`key\` with your state path.`,
    "",
    "`runtime_policy_json` is the least-privilege identity policy for running plan/apply against",
    "state under `state_key_prefix`: attach it to your deploy role. `backend_config` sets",
    "`workspace_key_prefix` to `<state_key_prefix>env`, so workspaces (and the listing `terraform init`",
    "does to find them) stay inside the prefix the policy allows; Terraform's default, `env:`, is outside it.",
  ].join("\n"),
  [
    "## Access logging",
    "",
    "State access is what auditors ask for first. Set `access_log_bucket_name` to have S3 write server",
    "access logs of the state bucket (every read, write and lock of state, by whom) to that bucket under",
    "`<bucket_name>/`. Off by default: the log bucket is yours to create and retain, and it must let the",
    "`logging.s3.amazonaws.com` service principal put objects (its bucket policy). The deploy policy",
    "grants `s3:PutBucketLogging` and `s3:GetBucketLogging` on the state bucket only. CloudTrail data",
    "events are the alternative when you already collect them.",
    "",
    "Not built in, on purpose: replication (a second copy of state in another region needs its own key,",
    "bucket and IAM role; state is already versioned, and a replica that can diverge during an outage",
    "is a second source of truth) and event notifications (nothing in Terraform's workflow consumes",
    "them; add them in your own configuration if a pipeline needs them).",
  ].join("\n"),
  [
    "## Destroying",
    "",
    "The bucket, the key and the lock table carry a literal `prevent_destroy`, and the table has",
    "deletion protection: losing state is worse than a failed destroy. To remove them, take them out of",
    "state (`terraform state rm`) and delete them by hand.",
  ].join("\n"),
  STATE_BACKEND_SCANNERS,
];

/** The state-backend module: variables -> StateBackend construct -> outputs. */
export class StateBackendModule extends ModuleStack {
  readonly backend: StateBackend;

  constructor(scope: Construct, _settings: Settings) {
    super(scope, {
      moduleName: "state-backend",
      usesAwsProvider: true,
      docs: {
        purpose: PURPOSE,
        usage: { bucket_name: "tz-state-123456789012-eu-west-1" },
        sections: [...SECTIONS, STATE_BACKEND_TESTS_DOC, deployPermissionsMarkdown("state_backend")],
      },
      tests: STATE_BACKEND_TESTS,
    });

    const inputs = this.declareInputs();
    const hcl = (value: string): string => hclExpression(this, value);
    this.backend = new StateBackend(this, "state_backend", {
      bucketName: inputs.bucketName.stringValue,
      encryption: inputs.encryption.stringValue,
      lockMode: inputs.lockMode.stringValue,
      lockTableName: raw(
        `coalesce(${hcl(inputs.lockTableName.stringValue)}, "${defaultLockTableName(`\${${hcl(inputs.bucketName.stringValue)}}`)}")`,
      ),
      noncurrentVersionExpirationDays: inputs.noncurrentDays.numberValue,
      accessLogBucketName: inputs.accessLogBucketName.stringValue,
      // The deploy policies scope what cannot be named (the KMS key) by this tag.
      tags: Token.asStringMap(
        raw(
          `merge(${hcl(inputs.tags.value)}, ${hcl(inputs.environmentName.value)} == null ? {} : { ${ENVIRONMENT_TAG} = ${hcl(inputs.environmentName.value)} })`,
        ),
      ),
    });
    this.declareOutputs(hcl(inputs.stateKeyPrefix.stringValue));
  }

  /** The module's variables, each with AWS's rule as its validation. */
  private declareInputs() {
    const bucketName = this.addVariable("bucket_name", {
      type: "string",
      description: `Name of the state bucket (${AWS_RULES.bucketName.rule}).`,
      validation: [ruleValidation("bucket_name", "bucketName")],
    });
    const encryption = this.addVariable("encryption", {
      type: "string",
      description:
        '"kms" (a dedicated customer managed key, rotation on, S3 bucket key) or "sse-s3" (S3-managed keys).',
      default: DEFAULTS.encryption,
      nullable: false,
      validation: [enumValidation("encryption", STATE_ENCRYPTIONS)],
    });
    const lockMode = this.addVariable("lock_mode", {
      type: "string",
      description:
        '"lockfile" (S3-native lock files; Terraform >= 1.11, OpenTofu >= 1.10), "dynamodb" (lock table) or "both" (while migrating).',
      default: DEFAULTS.lockMode,
      nullable: false,
      validation: [enumValidation("lock_mode", LOCK_MODES)],
    });
    const lockTableName = this.addVariable("lock_table_name", {
      type: "string",
      description:
        'Name of the DynamoDB lock table, used when lock_mode is "dynamodb" or "both". null means "<bucket_name>-locks".',
      nullDefault: true,
      validation: [ruleValidation("lock_table_name", "lockTableName", { nullable: true })],
    });
    const noncurrentDays = this.addVariable("noncurrent_version_expiration_days", {
      type: "number",
      description: "Days after which noncurrent state versions (and old lock files) are deleted.",
      default: DEFAULTS.noncurrentVersionExpirationDays,
      nullable: false,
      validation: [
        {
          condition: raw(
            "var.noncurrent_version_expiration_days >= 1 && floor(var.noncurrent_version_expiration_days) == var.noncurrent_version_expiration_days",
          ),
          errorMessage: "The noncurrent_version_expiration_days must be a whole number of days, at least 1.",
        },
      ],
    });
    const stateKeyPrefix = this.addVariable("state_key_prefix", {
      type: "string",
      description: `Key prefix the runtime policy and backend_config use for state objects (${AWS_RULES.stateKeyPrefix.rule}).`,
      default: DEFAULT_STATE_KEY_PREFIX,
      nullable: false,
      validation: [ruleValidation("state_key_prefix", "stateKeyPrefix")],
    });
    const tags = this.addVariable("tags", {
      type: "map(string)",
      description: "Tags for every taggable resource (bucket, KMS key, lock table).",
      default: {},
      nullable: false,
    });
    const environmentName = this.addVariable("environment_name", {
      type: "string",
      description: `Environment the backend belongs to: tags every taggable resource ${ENVIRONMENT_TAG} = <environment_name> (over tags). The state_backend deploy policy creates the KMS key only with this tag; null adds no tag (${AWS_RULES.environmentName.rule}).`,
      nullDefault: true,
      validation: [ruleValidation("environment_name", "environmentName", { nullable: true })],
    });
    const accessLogBucketName = this.addVariable("access_log_bucket_name", {
      type: "string",
      description:
        "Bucket that receives the state bucket's S3 server access logs, under <bucket_name>/; null (the default) logs nothing. The log bucket must let logging.s3.amazonaws.com write to it.",
      nullDefault: true,
      validation: [ruleValidation("access_log_bucket_name", "bucketName", { nullable: true })],
    });

    return {
      bucketName,
      encryption,
      lockMode,
      lockTableName,
      noncurrentDays,
      stateKeyPrefix,
      tags,
      environmentName,
      accessLogBucketName,
    };
  }

  /** Names and ARNs, the backend block and the runtime policy for `stateKeyPrefix` (an HCL expression). */
  private declareOutputs(stateKeyPrefix: string): void {
    const e = this.backend.expressions;
    // Outputs share names with variables (bucket_name), and sibling construct ids must differ.
    const outputs = new Construct(this, "outputs");
    const output = (name: string, expression: string, description: string): TerraformOutput =>
      new TerraformOutput(outputs, name, { value: raw(expression), description });
    output("bucket_name", e.bucketName, "Name of the state bucket.");
    output("bucket_arn", e.bucketArn, "ARN of the state bucket.");
    output("kms_key_arn", e.kmsKeyArn, 'ARN of the state KMS key; null when encryption is "sse-s3".');
    output("kms_key_id", e.kmsKeyId, 'Id of the state KMS key; null when encryption is "sse-s3".');
    output(
      "lock_table_name",
      e.lockTableName,
      'Name of the DynamoDB lock table; null when lock_mode is "lockfile".',
    );
    output(
      "lock_table_arn",
      e.lockTableArn,
      'ARN of the DynamoDB lock table; null when lock_mode is "lockfile".',
    );
    output(
      "backend_config",
      this.backend.backendConfigExpression(stateKeyPrefix),
      'A terraform { backend "s3" { ... } } block for this backend, in terraform fmt layout.',
    );
    registerPolicy(this, "output.runtime_policy_json", stateRuntimePolicy);
    output(
      "runtime_policy_json",
      renderTerraformExpression(stateRuntimePolicy, {
        partition: { expression: e.partition },
        dns_suffix: { expression: e.dnsSuffix },
        bucket_name: { expression: e.bucketName },
        state_key_prefix: { expression: stateKeyPrefix },
        kms_key_arn: { expression: e.kmsKeyArn },
        lock_table_arn: { expression: e.lockTableArn },
        use_lockfile: { expression: e.useLockfile },
        // The backend knows its own keys exist after bootstrap; the 404-vs-403 fallback stays off.
        list_bucket_without_prefix: { expression: "false" },
      }),
      "Least-privilege identity policy (JSON) for plan/apply against state under state_key_prefix.",
    );
  }
}

/** A validation block for one of AWS's naming rules; a nullable variable may also be null. */
function ruleValidation(
  variable: string,
  rule: AwsRuleName,
  options: { readonly nullable?: boolean } = {},
): TerraformVariableValidationConfig {
  const spec = AWS_RULES[rule];
  const check = `can(regex(${quoted(spec.pattern)}, var.${variable})) && length(var.${variable}) <= ${spec.maxLength}`;
  // A conditional, not ||: it does not evaluate the check (and fail on null) when the value is null.
  const condition = options.nullable ? `var.${variable} == null ? true : (${check})` : check;
  return {
    condition: raw(condition),
    errorMessage: `The ${variable} must be ${spec.rule}${options.nullable ? ", or null" : ""}.`,
  };
}

function enumValidation(variable: string, allowed: readonly string[]): TerraformVariableValidationConfig {
  return {
    condition: raw(`contains([${allowed.map(quoted).join(", ")}], var.${variable})`),
    errorMessage: `The ${variable} must be one of ${allowed.map((value) => `"${value}"`).join(", ")}.`,
  };
}
