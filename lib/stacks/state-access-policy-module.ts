import { registerPolicy } from "../policy/registry";
import { STATE_ACCESS_POLICY_TESTS, STATE_ACCESS_POLICY_TESTS_DOC } from "./tftests/state-access-policy";
import { stateReadOnlyPolicy, stateRuntimePolicy } from "../policy/documents/state-access";
import { TerraformOutput, type TerraformVariableValidationConfig } from "cdktf";
import type { Construct } from "constructs";
import type { Settings } from "../config/schema";
import { StateAccessPolicy } from "../constructs/state-access-policy";
import { AWS_RULES } from "../naming/aws-rules";
import { escapeHclLiteral } from "../hcl/template";
import { ModuleStack } from "./module-stack";
import { PARTITION_IDS, partitionOfRegionHcl } from "../naming/partition";
import { addPartitionInput, REGION_PARTITION_RULE } from "./partition-input";

/** An HCL quoted string literal. */
const hcl = (text: string): string => `"${escapeHclLiteral(text)}"`;
/** A validation whose condition is an HCL expression. */
const rule = (condition: string, errorMessage: string): TerraformVariableValidationConfig => ({
  condition: "${" + condition + "}",
  errorMessage,
});
const anchored = (pattern: string): string => pattern.replace(/^\^/, "").replace(/\$$/, "");

/** Region inside an ARN, from the one region rule. */
const REGION = anchored(AWS_RULES.region.pattern);
/** Any supported partition inside an ARN; a second rule ties it to `var.partition`. */
const ANY_PARTITION = `(${PARTITION_IDS.join("|")})`;
/**
 * KMS key ids as Terraform's S3 backend accepts them (terraform internal/backend/remote-state/s3/
 * validate.go, keyIdFromARNResource): a version 1-5 UUID, or `mrk-` + 32 hex digits (multi-Region).
 */
const KMS_KEY_ARN = `^arn:${ANY_PARTITION}:kms:${REGION}:[0-9]{12}:key/(mrk-[0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12})$`;
/** A key ARN that passes KMS_KEY_ARN (version 4 UUID, variant a): the example the message shows. */
export const KMS_KEY_ARN_EXAMPLE =
  "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-44cd-a6ef-1234567890ab";
/** KMS_KEY_ARN in words: the rule, and an example that passes it. */
export const KMS_KEY_ARN_MESSAGE =
  "kms_key_arn must be null or a KMS key ARN arn:<partition>:kms:<region>:<12-digit account>:key/<key id>, " +
  "the key id as Terraform's S3 backend accepts it: a lowercase UUID of version 1-5 with variant 8, 9, a or b " +
  "(xxxxxxxx-xxxx-Vxxx-Yxxx-xxxxxxxxxxxx, V = 1-5, Y = 8, 9, a or b), or mrk- + 32 lowercase hex digits " +
  `(multi-Region key); for example ${KMS_KEY_ARN_EXAMPLE}. Not an alias: IAM authorizes KMS use on the key ARN.`;
const LOCK_TABLE_ARN = `^arn:${ANY_PARTITION}:dynamodb:${REGION}:[0-9]{12}:table/${anchored(AWS_RULES.lockTableName.pattern)}$`;

/**
 * An ARN variable (nullable) must be in `var.partition`, and its region must be one of that
 * partition: an ARN of another partition names a resource the policies can never reach.
 */
function inPartition(variable: string, example: string): TerraformVariableValidationConfig {
  const field = (index: number) => `split(":", var.${variable})[${index}]`;
  return rule(
    `var.${variable} == null ? true : try(${field(1)} == var.partition && (${partitionOfRegionHcl(field(3))}) == var.partition, false)`,
    `${variable} must be in the partition given by partition (${example}), with a region of that partition: ${REGION_PARTITION_RULE}.`,
  );
}

/** Validation blocks: each says what is allowed, so bad input fails at plan time, not in IAM. */
export const STATE_ACCESS_VALIDATIONS = {
  bucket_name: [
    rule(
      `length(var.bucket_name) <= ${AWS_RULES.bucketName.maxLength} && can(regex(${hcl(AWS_RULES.bucketName.pattern)}, var.bucket_name))`,
      `bucket_name must be ${AWS_RULES.bucketName.rule}.`,
    ),
    rule(
      `!can(regex("[.][.]|^[0-9]+[.][0-9]+[.][0-9]+[.][0-9]+$|^(xn--|sthree-|amzn-s3-demo-)|(-s3alias|--ol-s3|--x-s3|--table-s3)$", var.bucket_name))`,
      "bucket_name must not contain '..', look like an IP address, start with 'xn--', 'sthree-' or 'amzn-s3-demo-', or end with '-s3alias', '--ol-s3', '--x-s3' or '--table-s3' (AWS reserves these).",
    ),
  ],
  state_key_prefix: [
    rule(
      `!can(regex("^/", var.state_key_prefix))`,
      'state_key_prefix must not start with \'/\': S3 keys have no leading slash, so "/tz/v1/" would match nothing (write "tz/v1/").',
    ),
    rule(
      `!can(regex("[*?]", var.state_key_prefix))`,
      "state_key_prefix must not contain '*' or '?': IAM reads them as wildcards and would grant more than one prefix.",
    ),
    rule(
      `can(regex("/$", var.state_key_prefix))`,
      'state_key_prefix must end with \'/\': without it "tz/v1" would also grant "tz/v1-old/...".',
    ),
    rule(
      `length(var.state_key_prefix) <= ${AWS_RULES.stateKeyPrefix.maxLength} && can(regex(${hcl(AWS_RULES.stateKeyPrefix.pattern)}, var.state_key_prefix))`,
      `state_key_prefix must be at most ${AWS_RULES.stateKeyPrefix.maxLength} characters of letters, digits and !_.'()=+-/ : ${AWS_RULES.stateKeyPrefix.rule}.`,
    ),
  ],
  kms_key_arn: [
    rule(`var.kms_key_arn == null || can(regex(${hcl(KMS_KEY_ARN)}, var.kms_key_arn))`, KMS_KEY_ARN_MESSAGE),
    inPartition("kms_key_arn", "arn:aws-us-gov:kms:us-gov-west-1:... for aws-us-gov"),
  ],
  lock_table_arn: [
    rule(
      `var.lock_table_arn == null || can(regex(${hcl(LOCK_TABLE_ARN)}, var.lock_table_arn))`,
      `lock_table_arn must be null or a DynamoDB table ARN such as arn:aws:dynamodb:eu-west-1:123456789012:table/tz-state-locks (table name: ${AWS_RULES.lockTableName.rule}).`,
    ),
    inPartition("lock_table_arn", "arn:aws-cn:dynamodb:cn-north-1:... for aws-cn"),
  ],
} as const;

const PURPOSE =
  "Least-privilege IAM policies for Terraform state kept in an S3 backend: `runtime_policy_json` for " +
  "apply and `read_only_policy_json` for plan, scoped to one bucket, one key prefix, and the lock " +
  "table and KMS key when you use them. Provider-free: it only computes JSON, so it works in any " +
  "configuration and Terraform evaluates it offline.";

const SECTIONS: readonly string[] = [
  [
    "## What the policies allow",
    "",
    "| request | `runtime_policy_json` (apply) | `read_only_policy_json` (plan) |",
    "|---|---|---|",
    "| `s3:ListBucket` with `s3:prefix` under `state_key_prefix` (workspace listing) | allowed | allowed |",
    "| `s3:ListBucket` on the whole bucket (404-vs-403 fallback, see below) | only with `list_bucket_without_prefix` | only with `list_bucket_without_prefix` |",
    "| `s3:GetObject` on `<prefix>*` (state, lock info) | allowed | allowed |",
    "| `s3:PutObject` on `<prefix>*` (write state) | allowed | denied |",
    "| `s3:PutObject` on `<prefix>*.tflock` (take the lock file) | allowed | allowed with `use_lockfile`, only with `If-None-Match: *` (`s3:if-none-match`): a plan role never overwrites another's lock |",
    "| `s3:DeleteObject` on `<prefix>*.tflock` (release the lock file) | allowed with `use_lockfile` | allowed with `use_lockfile` |",
    "| `dynamodb:GetItem` on lock and digest items `<bucket>/<prefix>*` | allowed with `lock_table_arn` | allowed with `lock_table_arn` |",
    "| `dynamodb:PutItem` on lock items | allowed with `lock_table_arn` (and digest items) | allowed with `lock_table_arn`, except digest items (`*-md5`) |",
    "| `dynamodb:DeleteItem` on lock items | allowed with `lock_table_arn`, never digest items (`*-md5`) | allowed with `lock_table_arn`, never digest items |",
    "| `kms:Decrypt` on the key, through S3 only (`kms:ViaService`) | allowed with `kms_key_arn` | allowed with `kms_key_arn` |",
    "| `kms:GenerateDataKey` on the key, through S3 only | allowed with `kms_key_arn` | allowed with `kms_key_arn` and `use_lockfile` |",
    "| anything under another prefix, in another bucket, table or key | denied | denied |",
    "| `s3:DeleteObject` on state objects, `s3:DeleteObjectVersion`, `s3:GetObjectVersion`, `s3:PutObjectAcl` | denied | denied |",
    "| bucket configuration (`s3:PutBucketPolicy`, `s3:PutBucketVersioning`, `s3:DeleteBucket`, ...) | denied | denied |",
    "| `dynamodb:UpdateItem`, `dynamodb:Scan`, table changes; direct KMS use; key management | denied | denied |",
    "",
    "Each row is enforced by simulation tests (`test/simulation/state-access-tables.ts`) in every",
    "configuration: lock file, DynamoDB, both, with and without KMS. The rendered JSON for the example",
    "values is in `modules-out/policies/state-runtime.json` and `state-read-only.json`.",
    "",
    "A KMS key counts an identity policy only if its key policy allows it or delegates to the account",
    "(AWS's default key policy does; so does the one the `state-backend` module creates).",
    "",
    "`terraform plan` takes the state lock, so the read-only policy can write and delete lock files",
    "and lock items under the prefix: a plan principal could also remove a lock an apply holds. Where",
    "that matters, run plans with `-lock=false` and drop those statements (`use_lockfile = false`,",
    "no `lock_table_arn`). The `kms:ViaService` condition names `s3.*.amazonaws.com` (`s3.*.amazonaws.com.cn`",
    "in `aws-cn`, where S3's endpoints end in `amazonaws.com.cn`): S3 can only use a",
    "key of its own region, so the wildcard adds no region the key could be used from.",
  ].join("\n"),
  [
    "## Proven against the real `terraform` binary",
    "",
    "`test/backend-proof/` runs Terraform 1.11's S3 backend (built into the binary) against a loopback",
    "S3/DynamoDB/STS endpoint and judges every request it makes, as the authorization AWS would make",
    "(action, resource ARN, `s3:prefix`, `s3:delimiter`, `s3:if-none-match`, `s3:x-amz-server-side-encryption`,",
    "`s3:x-amz-server-side-encryption-aws-kms-key-id`, `dynamodb:LeadingKeys`, and the KMS calls S3 makes",
    "on the caller's behalf with `kms:ViaService`), against the policies this module renders for the",
    "same bucket, prefix, table and key. Plan-like commands run as the `read_only_policy_json` role,",
    "apply-like ones as the `runtime_policy_json` role. Each configuration runs twice: record (every",
    "call answered, every call must be allowed) and enforce (the endpoint answers 403 to what the",
    "policy denies; every command must still succeed, and `init` under another prefix or in another",
    "bucket must fail). `npm test` prints, for the life cycle below:",
    "",
    "```",
    "lockfile + SSE-KMS: 141/141 recorded calls allowed, 20/20 out-of-scope calls denied",
    "lockfile + SSE-S3: 141/141 recorded calls allowed, 20/20 out-of-scope calls denied",
    "dynamodb + SSE-KMS: 168/168 recorded calls allowed, 28/28 out-of-scope calls denied",
    "dynamodb + SSE-S3: 168/168 recorded calls allowed, 28/28 out-of-scope calls denied",
    "both + SSE-KMS: 198/198 recorded calls allowed, 34/34 out-of-scope calls denied",
    "both + SSE-S3: 198/198 recorded calls allowed, 34/34 out-of-scope calls denied",
    "```",
    "",
    "A policy narrowed on purpose (no `s3:DeleteObject` on lock files) fails both phases.",
    "",
    "| command (role) | calls (lock file / DynamoDB lock) |",
    "|---|---|",
    "| every command | `sts:GetCallerIdentity` (needs no permission), `ListObjectsV2` with `prefix = <workspace_key_prefix>/` (`s3:ListBucket`) |",
    "| `init` on a new key (plan) | `HeadObject` of the state: 404; DynamoDB: `GetItem` of the digest `<bucket>/<key>-md5` |",
    "| `plan` (plan) | lock: `PutObject <key>.tflock` with `If-None-Match: *` / `PutItem <bucket>/<key>`; `HeadObject` + ranged `GetObject` of the state; DynamoDB: `GetItem` digest; unlock: `GetObject` + `DeleteObject <key>.tflock` / `GetItem` + `DeleteItem` lock |",
    "| `plan -lock=false`, `state list`, `state pull`, `output` (plan) | `HeadObject` + ranged `GetObject` of the state; DynamoDB: `GetItem` digest |",
    "| `apply`, `destroy` (apply) | as `plan`, plus `PutObject` of the state (over 5 MiB: `CreateMultipartUpload`, `UploadPart`, `CompleteMultipartUpload`); DynamoDB: `PutItem` digest |",
    "| `plan` while a killed apply holds the lock (plan) | `PutObject <key>.tflock` answered 412 / `PutItem` answered `ConditionalCheckFailedException`, then the lock info (`GetObject` / `GetItem`); fails with `Error acquiring the state lock` |",
    "| `force-unlock` (apply) | `GetObject` + `DeleteObject <key>.tflock` / `GetItem` + `DeleteItem` lock |",
    "| `workspace new` (apply) | lock, `HeadObject` (404), `PutObject` of `<workspace_key_prefix>/<name>/<key>`, unlock |",
    "| `workspace list`, `workspace select` (plan) | only the listing |",
    "| `init -migrate-state` from local state (apply) | `HeadObject` (404), lock, `PutObject` of the state, unlock, read back |",
    "| SSE-KMS, any command | S3 calls `kms:GenerateDataKey` for `PutObject` and `CreateMultipartUpload`, `kms:Decrypt` for `GetObject`, `UploadPart` and `CompleteMultipartUpload` |",
    "",
    "Never called by Terraform 1.11.4 and so not granted: `dynamodb:DescribeTable` (HashiCorp's backend",
    "documentation lists it; the recorded calls show no use), `dynamodb:DeleteItem` on digest items",
    "(only `terraform workspace delete` removes a digest: an administrator's job), and",
    "`s3:AbortMultipartUpload` (the SDK only aborts a failed upload; the parts of an aborted run are",
    "removed by the state-backend bucket's lifecycle rule, which aborts incomplete uploads after 7 days).",
    "",
    "Limits: no real AWS is involved; the request-to-authorization mapping follows AWS's Service",
    "Authorization Reference, and the KMS calls S3 makes are modelled from the S3 and KMS guides",
    "(without an S3 Bucket Key, the upper bound); one Terraform version (1.11.4); the bucket and key",
    "policies are not part of this proof (they have their own simulation tests).",
    "",
    "### Open question: 404 or 403 for a missing key",
    "",
    "S3 answers a read of a missing key with 404 only if the caller may `s3:ListBucket` the bucket, else",
    "with 403. AWS does not document whether a grant scoped by `s3:prefix` (as here) counts for that",
    "decision. The first `init` on a new key reads a key that does not exist yet: if S3 does not count",
    "the prefix-scoped grant, that `init` fails with 403. The proof runs both ways; the fallback is",
    "`list_bucket_without_prefix = true`, which adds `s3:ListBucket` on the whole bucket (the role can",
    "then see every key name in the bucket, not their content). It is off by default.",
  ].join("\n"),
  [
    "## Workspaces",
    "",
    "Terraform stores non-default workspaces at `<workspace_key_prefix>/<workspace>/<key>`, and",
    "`workspace_key_prefix` defaults to `env:`, which is outside any prefix. If you use workspaces, set",
    'it under the prefix, e.g. `workspace_key_prefix = "tz/v1/env"` for `state_key_prefix = "tz/v1/"`.',
    "",
    "Deleting a workspace (`terraform workspace delete`) deletes its state object (and its digest item",
    "in the lock table). Neither policy allows deleting state objects: a normal run never does, and a",
    "deleted state is how resources get orphaned. Delete workspaces as an administrator with",
    "`s3:DeleteObject` on `arn:<partition>:s3:::<bucket>/<prefix><workspace path>` (plus `dynamodb:DeleteItem` on",
    "the digest item with a lock table); the bucket's versioning keeps the old state recoverable.",
    "",
    "A plan role cannot plan in a workspace that does not exist yet: Terraform writes the empty state",
    "of a new workspace on first use (`workspace new`, or the first `plan`/`apply` in it), and the",
    "read-only policy denies that write. Create workspaces with the runtime (apply) role.",
    "",
    "Terraform 1.6 and 1.7 fail `init` when `workspace_key_prefix` is left at `env:`: `init` lists the",
    "workspaces, and a listing outside the prefix is denied. Set it under the prefix as above (the",
    "state-backend module's `backend_config` output already does).",
  ].join("\n"),
  [
    "## Inputs that are refused",
    "",
    "`terraform plan` fails with a message that names the rule when `bucket_name` breaks S3's naming",
    "rules, when `state_key_prefix` starts with `/`, contains `*` or `?`, or does not end with `/`, or",
    "when `kms_key_arn` / `lock_table_arn` is not a key / table ARN, or is one of another partition than",
    "`partition` (or of a region outside it), or when `partition` is not `aws`, `aws-cn` or `aws-us-gov`.",
  ].join("\n"),
];

/** The state-access-policy module: variables -> StateAccessPolicy -> two outputs. Provider-free. */
/** A provider-free module creates nothing in AWS, so using it needs no AWS permissions at all. */
const NO_DEPLOY_PERMISSIONS = [
  "## Permissions to deploy",
  "",
  "None: the module only computes policy documents from its variables (no provider, no resources), so `terraform apply` of it needs no AWS credentials.",
].join("\n");

export class StateAccessPolicyModule extends ModuleStack {
  readonly policies: StateAccessPolicy;

  constructor(scope: Construct, _settings: Settings) {
    super(scope, {
      moduleName: "state-access-policy",
      usesAwsProvider: false,
      docs: {
        purpose: PURPOSE,
        usage: { bucket_name: "tz-state-123456789012-eu-west-1", state_key_prefix: "tz/v1/" },
        sections: [...SECTIONS, STATE_ACCESS_POLICY_TESTS_DOC, NO_DEPLOY_PERMISSIONS],
      },
      tests: STATE_ACCESS_POLICY_TESTS,
    });

    this.addVariable("bucket_name", {
      type: "string",
      description: "Name of the S3 bucket that holds Terraform state.",
      validation: [...STATE_ACCESS_VALIDATIONS.bucket_name],
    });
    this.addVariable("state_key_prefix", {
      type: "string",
      description:
        "Key prefix the policies grant, without a leading '/', without '*' or '?', ending with '/' (e.g. tz/v1/).",
      validation: [...STATE_ACCESS_VALIDATIONS.state_key_prefix],
    });
    this.addVariable("kms_key_arn", {
      type: "string",
      description: "ARN of the KMS key that encrypts state (SSE-KMS); null for SSE-S3.",
      nullDefault: true,
      validation: [...STATE_ACCESS_VALIDATIONS.kms_key_arn],
    });
    this.addVariable("lock_table_arn", {
      type: "string",
      description:
        "ARN of the DynamoDB lock table (dynamodb_table); null when Terraform does not lock with DynamoDB.",
      nullDefault: true,
      validation: [...STATE_ACCESS_VALIDATIONS.lock_table_arn],
    });
    this.addVariable("use_lockfile", {
      type: "bool",
      description: "Whether Terraform locks with S3 lock files (use_lockfile = true in the backend).",
      default: true,
      nullable: false,
    });

    this.addVariable("list_bucket_without_prefix", {
      type: "bool",
      description:
        "Also grant s3:ListBucket on the whole bucket (no s3:prefix condition), for accounts where the first init on a new key gets 403 instead of 404; lets the role see every key name in the bucket. Off by default.",
      default: false,
      nullable: false,
    });

    const partition = addPartitionInput(this);
    // Plain `var.x` references: the policy is one raw `${jsonencode(...)}` expression, not tokens.
    this.policies = new StateAccessPolicy(this, "state_access", {
      partition: partition.partition,
      dnsSuffix: partition.dnsSuffix,
      bucketName: "var.bucket_name",
      stateKeyPrefix: "var.state_key_prefix",
      kmsKeyArn: "var.kms_key_arn",
      lockTableArn: "var.lock_table_arn",
      useLockfile: "var.use_lockfile",
      listBucketWithoutPrefix: "var.list_bucket_without_prefix",
    });

    new TerraformOutput(this, "runtime_policy_json", {
      description:
        "IAM policy JSON for apply: read/write state under the prefix, take and release locks, use the key through S3.",
      value: this.policies.runtimePolicyJson,
    });
    new TerraformOutput(this, "read_only_policy_json", {
      description:
        "IAM policy JSON for plan: read state under the prefix and take/release locks; no state writes.",
      value: this.policies.readOnlyPolicyJson,
    });
    registerPolicy(this, "output.runtime_policy_json", stateRuntimePolicy);
    registerPolicy(this, "output.read_only_policy_json", stateReadOnlyPolicy);
  }
}
