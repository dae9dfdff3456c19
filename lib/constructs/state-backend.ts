import {
  DefaultTokenResolver,
  Fn,
  Op,
  StringConcat,
  TerraformLocal,
  TerraformStack,
  Token,
  Tokenization,
} from "cdktf";
import { Construct } from "constructs";
import { DataAwsCallerIdentity } from "@cdktf/provider-aws/lib/data-aws-caller-identity";
import { DataAwsRegion } from "@cdktf/provider-aws/lib/data-aws-region";
import { DataAwsPartition } from "@cdktf/provider-aws/lib/data-aws-partition";
import { DynamodbTable } from "@cdktf/provider-aws/lib/dynamodb-table";
import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketLifecycleConfiguration } from "@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration";
import { S3BucketLoggingA } from "@cdktf/provider-aws/lib/s3-bucket-logging";
import { S3BucketOwnershipControls } from "@cdktf/provider-aws/lib/s3-bucket-ownership-controls";
import { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
import { S3BucketPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-bucket-public-access-block";
import { S3BucketServerSideEncryptionConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration";
import { S3BucketVersioningA } from "@cdktf/provider-aws/lib/s3-bucket-versioning";
import { registerPolicy } from "../policy/registry";
import { UserError } from "../errors";
import { AWS_RULES, satisfies } from "../naming/aws-rules";
import {
  defaultLockTableName,
  stateKeyAlias,
  stateKeyAliasName,
  stateKeyAliasNameHcl,
} from "../naming/state-backend";
import { renderTerraformExpression } from "../policy/render-terraform";
import { param, templateToHcl } from "../hcl/template";
import { SSE_ALGORITHMS, stateBucketPolicy } from "../policy/documents/state-bucket-policy";
import { stateKeyPolicy } from "../policy/documents/state-key-policy";
import { quoted, raw } from "../hcl/text";

/** `kms`: a dedicated customer managed key; `sse-s3`: S3-managed keys (AES256). */
export const STATE_ENCRYPTIONS = ["kms", "sse-s3"] as const;
export type StateEncryption = (typeof STATE_ENCRYPTIONS)[number];

/** `lockfile`: S3-native lock files; `dynamodb`: a lock table; `both`: both, while migrating. */
export const LOCK_MODES = ["lockfile", "dynamodb", "both"] as const;
export type LockMode = (typeof LOCK_MODES)[number];

/** Lock modes that need the DynamoDB table, and those that write S3 lock files. */
export const TABLE_LOCK_MODES: readonly LockMode[] = ["dynamodb", "both"];
export const LOCKFILE_LOCK_MODES: readonly LockMode[] = ["lockfile", "both"];

/** KMS accepts a pending-deletion window of 7 to 30 days. */
const KMS_DELETION_WINDOW = { min: 7, max: 30 } as const;

export interface StateBackendProps {
  /** Name of the state bucket (a Terraform expression such as a variable is allowed). */
  readonly bucketName: string;
  /**
   * `kms` or `sse-s3`, or a Terraform expression that evaluates to one of them.
   * @default "kms"
   */
  readonly encryption?: string;
  /**
   * `lockfile`, `dynamodb` or `both`, or a Terraform expression that evaluates to one of them.
   * @default "lockfile"
   */
  readonly lockMode?: string;
  /**
   * Name of the DynamoDB lock table (only created when the lock mode needs it).
   * @default `${bucketName}-locks`
   */
  readonly lockTableName?: string;
  /**
   * Days after which noncurrent object versions (old state, `.tflock` churn) are deleted.
   * @default 90
   */
  readonly noncurrentVersionExpirationDays?: number;
  /**
   * Days after which incomplete multipart uploads are aborted.
   * @default 7
   */
  readonly abortIncompleteMultipartUploadDays?: number;
  /**
   * Waiting period before a deleted KMS key is gone (7-30).
   * @default 30
   */
  readonly kmsDeletionWindowInDays?: number;
  /**
   * Tags for every taggable resource (bucket, key, table).
   * @default - no tags
   */
  readonly tags?: Readonly<Record<string, string>>;
  /**
   * Bucket that receives the state bucket's S3 server access logs (under `<bucket_name>/`); an
   * expression that evaluates to null turns logging off.
   * @default - no access logging resource at all
   */
  readonly accessLogBucketName?: string;
}

/** What a `backend "s3"` block says; every string is already the value, not an HCL literal. */
export interface BackendConfigValues {
  readonly bucket: string;
  readonly key: string;
  /**
   * Where non-default workspaces live. Inside the state prefix (`<prefix>env`), so that the prefix-scoped
   * `s3:ListBucket` of the runtime policy covers the listing `terraform init` and `workspace` commands do
   * (the default, `env:`, is outside every prefix).
   */
  readonly workspaceKeyPrefix: string;
  readonly region: string;
  /** Set in KMS mode. */
  readonly kmsKeyId?: string;
  /** S3-native lock files (`lockfile`, `both`). */
  readonly useLockfile: boolean;
  /** Set when a lock table is used (`dynamodb`, `both`). */
  readonly dynamodbTable?: string;
}

/**
 * The text of a `terraform { backend "s3" { ... } }` block, laid out exactly as `terraform fmt`
 * lays it out (the `=` of consecutive attributes aligned to the longest name), ending in a newline.
 */
export function renderBackendConfig(values: BackendConfigValues): string {
  const attributes: Array<[string, string]> = [
    ["bucket", quoted(values.bucket)],
    ["key", quoted(values.key)],
    ["workspace_key_prefix", quoted(values.workspaceKeyPrefix)],
    ["region", quoted(values.region)],
    ["encrypt", "true"],
  ];
  if (values.kmsKeyId !== undefined) attributes.push(["kms_key_id", quoted(values.kmsKeyId)]);
  if (values.useLockfile) attributes.push(["use_lockfile", "true"]);
  if (values.dynamodbTable !== undefined) attributes.push(["dynamodb_table", quoted(values.dynamodbTable)]);
  const width = Math.max(...attributes.map(([name]) => name.length));
  const lines = attributes.map(([name, value]) => `    ${name.padEnd(width)} = ${value}`);
  return ["terraform {", '  backend "s3" {', ...lines, "  }", "}", ""].join("\n");
}

/** The mode locals and the counts they drive. */
interface Modes {
  readonly kmsEnabled: TerraformLocal;
  readonly lockTableEnabled: TerraformLocal;
  readonly useLockfile: TerraformLocal;
  /** `aws:kms` or `AES256`. */
  readonly sseAlgorithm: TerraformLocal;
  readonly kmsEnabledExpression: string;
  readonly lockTableEnabledExpression: string;
  readonly kmsCount: number;
  readonly tableCount: number;
}

/** `workspace_key_prefix` is `<state_key_prefix>env`: workspaces stay under the prefix. */
export const WORKSPACE_KEY_SUFFIX = "env";

/** Placeholder key of the state object inside the prefix: the consumer replaces `CHANGE-ME`. */
export const BACKEND_KEY_PLACEHOLDER = "CHANGE-ME/terraform.tfstate";

/**
 * A hardened Terraform state backend: versioned, private, TLS-only S3 bucket encrypted with a
 * dedicated KMS key (or SSE-S3), lifecycle clean-up, and an optional DynamoDB lock table. Encryption
 * and lock mode may be Terraform expressions, so optional resources use `count` conditionals.
 */
export class StateBackend extends Construct {
  readonly bucket: S3Bucket;
  readonly versioning: S3BucketVersioningA;
  readonly publicAccessBlock: S3BucketPublicAccessBlock;
  readonly ownershipControls: S3BucketOwnershipControls;
  readonly encryptionConfiguration: S3BucketServerSideEncryptionConfigurationA;
  readonly bucketPolicy: S3BucketPolicy;
  readonly lifecycle: S3BucketLifecycleConfiguration;
  /** Created only in KMS mode (`count`). */
  readonly kmsKey: KmsKey;
  readonly kmsAlias: KmsAlias;
  /** Created only when the lock mode needs it (`count`). */
  readonly lockTable: DynamodbTable;
  /** Created only when an access log bucket is given (`count`). */
  readonly accessLogging?: S3BucketLoggingA;
  readonly callerIdentity: DataAwsCallerIdentity;
  readonly region: DataAwsRegion;
  /** The partition (`aws`, `aws-cn`, `aws-us-gov`) and DNS suffix every ARN and `kms:ViaService` uses. */
  readonly partition: DataAwsPartition;
  /** `true` in KMS mode. */
  readonly kmsEnabled: TerraformLocal;
  /** `aws:kms` or `AES256`. */
  readonly sseAlgorithm: TerraformLocal;
  readonly lockTableEnabled: TerraformLocal;
  readonly useLockfile: TerraformLocal;

  /** HCL expressions (no `${}`) for outputs and policy bindings; null where the resource is absent. */
  readonly expressions: {
    readonly bucketName: string;
    readonly bucketArn: string;
    readonly kmsKeyArn: string;
    readonly kmsKeyId: string;
    readonly lockTableName: string;
    readonly lockTableArn: string;
    readonly region: string;
    readonly partition: string;
    readonly dnsSuffix: string;
    readonly useLockfile: string;
    readonly lockTableEnabled: string;
    readonly kmsEnabled: string;
  };

  constructor(scope: Construct, id: string, props: StateBackendProps) {
    super(scope, id);
    validateProps(props);
    const tags = props.tags ?? {};
    const modes = this.parseModes(props);
    this.kmsEnabled = modes.kmsEnabled;
    this.lockTableEnabled = modes.lockTableEnabled;
    this.useLockfile = modes.useLockfile;
    this.sseAlgorithm = modes.sseAlgorithm;
    this.callerIdentity = new DataAwsCallerIdentity(this.scopeFor("caller_identity"), "current", {});
    this.region = new DataAwsRegion(this.scopeFor("region"), "current", {});
    this.partition = new DataAwsPartition(this.scopeFor("partition"), "current", {});
    this.bucket = new S3Bucket(this.scopeFor("bucket"), "this", {
      bucket: props.bucketName,
      forceDestroy: false,
      tags,
      lifecycle: { preventDestroy: true },
    });
    this.kmsKey = this.createKey(props, modes, tags);
    const key = this.keyExpressions();
    this.kmsAlias = this.createAlias(props.bucketName, modes);
    this.versioning = this.enableVersioning();
    this.publicAccessBlock = this.blockPublicAccess();
    this.ownershipControls = this.enforceBucketOwner();
    this.encryptionConfiguration = this.encryptByDefault(modes, key.arn);
    this.bucketPolicy = this.enforceTlsAndEncryptionPolicy(key.arn);
    this.lifecycle = this.expireOldVersions(props);
    this.lockTable = this.createLockTable(props, modes, key.arn, tags);
    if (props.accessLogBucketName !== undefined)
      this.accessLogging = this.logAccess(props.accessLogBucketName);
    const tableAddress = addressOf(this, this.lockTable);
    this.expressions = {
      bucketName: this.hcl(this.bucket.bucket),
      bucketArn: this.hcl(this.bucket.arn),
      kmsKeyArn: key.arn,
      kmsKeyId: key.id,
      lockTableName: `one(${tableAddress}[*].name)`,
      lockTableArn: `one(${tableAddress}[*].arn)`,
      region: this.hcl(this.region.id),
      partition: this.hcl(this.partition.partition),
      dnsSuffix: this.hcl(this.partition.dnsSuffix),
      useLockfile: this.hcl(this.useLockfile.asString),
      lockTableEnabled: modes.lockTableEnabledExpression,
      kmsEnabled: modes.kmsEnabledExpression,
    };
  }

  private hcl(value: string): string {
    return hclExpression(this, value);
  }

  /** Sibling construct ids must differ, yet every resource should be `<type>.this`: one scope each. */
  private scopeFor(name: string): Construct {
    return new Construct(this, name);
  }

  /** Encryption and lock mode may be expressions, so they become locals and `count`s. */
  private parseModes(props: StateBackendProps): Modes {
    const encryption = props.encryption ?? DEFAULTS.encryption;
    const lockMode = props.lockMode ?? DEFAULTS.lockMode;
    const kmsEnabled = new TerraformLocal(this, "kms_enabled", Op.eq(encryption, "kms"));
    const lockTableEnabled = new TerraformLocal(
      this,
      "lock_table_enabled",
      Fn.contains([...TABLE_LOCK_MODES], lockMode),
    );
    const useLockfile = new TerraformLocal(
      this,
      "use_lockfile",
      Fn.contains([...LOCKFILE_LOCK_MODES], lockMode),
    );
    const sseAlgorithm = new TerraformLocal(
      this,
      "sse_algorithm",
      Fn.conditional(kmsEnabled.asBoolean, SSE_ALGORITHMS.kms, SSE_ALGORITHMS.sseS3),
    );
    return {
      kmsEnabled,
      lockTableEnabled,
      useLockfile,
      sseAlgorithm,
      kmsEnabledExpression: this.hcl(kmsEnabled.asString),
      lockTableEnabledExpression: this.hcl(lockTableEnabled.asString),
      kmsCount: Token.asNumber(Fn.conditional(kmsEnabled.asBoolean, 1, 0)),
      tableCount: Token.asNumber(Fn.conditional(lockTableEnabled.asBoolean, 1, 0)),
    };
  }

  /** The dedicated key (KMS mode only): rotation on, the least-privilege key policy. */
  private createKey(props: StateBackendProps, modes: Modes, tags: Readonly<Record<string, string>>): KmsKey {
    const key = new KmsKey(this.scopeFor("kms_key"), "this", {
      count: modes.kmsCount,
      description: `Encrypts the Terraform state in bucket ${props.bucketName}`,
      enableKeyRotation: true,
      deletionWindowInDays: props.kmsDeletionWindowInDays ?? KMS_DELETION_WINDOW.max,
      policy: raw(
        renderTerraformExpression(stateKeyPolicy, {
          partition: { expression: this.hcl(this.partition.partition) },
          dns_suffix: { expression: this.hcl(this.partition.dnsSuffix) },
          account_id: { expression: this.hcl(this.callerIdentity.accountId) },
          region: { expression: this.hcl(this.region.id) },
          bucket_name: { expression: this.hcl(props.bucketName) },
        }),
      ),
      tags,
      lifecycle: { preventDestroy: true },
    });
    // The rule pack inspects the policy model itself, not the jsonencode(...) text it became.
    registerPolicy(this, `${addressOf(this, key)}.policy`, stateKeyPolicy);
    return key;
  }

  /** The counted key's ARN and id: null in SSE-S3 mode. */
  private keyExpressions(): { readonly arn: string; readonly id: string } {
    const keyAddress = addressOf(this, this.kmsKey);
    return { arn: `one(${keyAddress}[*].arn)`, id: `one(${keyAddress}[*].key_id)` };
  }

  private createAlias(bucketName: string, modes: Modes): KmsAlias {
    return new KmsAlias(this.scopeFor("kms_alias"), "this", {
      count: modes.kmsCount,
      // Alias names allow no '.', which bucket names may hold.
      name: isExpression(bucketName)
        ? stateKeyAlias(raw(stateKeyAliasNameHcl(this.hcl(bucketName))))
        : stateKeyAlias(stateKeyAliasName(bucketName)),
      targetKeyId: raw(`${addressOf(this, this.kmsKey)}[0].key_id`),
    });
  }

  private enableVersioning(): S3BucketVersioningA {
    return new S3BucketVersioningA(this.scopeFor("versioning"), "this", {
      bucket: this.bucket.id,
      versioningConfiguration: { status: "Enabled" },
    });
  }

  private blockPublicAccess(): S3BucketPublicAccessBlock {
    return new S3BucketPublicAccessBlock(this.scopeFor("public_access_block"), "this", {
      bucket: this.bucket.id,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
  }

  private enforceBucketOwner(): S3BucketOwnershipControls {
    return new S3BucketOwnershipControls(this.scopeFor("ownership_controls"), "this", {
      bucket: this.bucket.id,
      rule: { objectOwnership: "BucketOwnerEnforced" },
    });
  }

  private encryptByDefault(modes: Modes, kmsKeyArn: string): S3BucketServerSideEncryptionConfigurationA {
    return new S3BucketServerSideEncryptionConfigurationA(this.scopeFor("encryption"), "this", {
      bucket: this.bucket.id,
      rule: [
        {
          applyServerSideEncryptionByDefault: {
            sseAlgorithm: raw(this.hcl(this.sseAlgorithm.asString)),
            kmsMasterKeyId: raw(kmsKeyArn),
          },
          // The bucket key cuts KMS calls (and cost); meaningless for SSE-S3, so only set with KMS.
          bucketKeyEnabled: Token.asAny(raw(modes.kmsEnabledExpression)),
        },
      ],
    });
  }

  /** TLS only, and no put that asks for another encryption or key. */
  private enforceTlsAndEncryptionPolicy(kmsKeyArn: string): S3BucketPolicy {
    const policy = new S3BucketPolicy(this.scopeFor("bucket_policy"), "this", {
      bucket: this.bucket.id,
      policy: raw(
        renderTerraformExpression(stateBucketPolicy, {
          partition: { expression: this.hcl(this.partition.partition) },
          bucket_name: { expression: this.hcl(this.bucket.bucket) },
          sse_algorithm: { expression: this.hcl(this.sseAlgorithm.asString) },
          kms_key_arn: { expression: kmsKeyArn },
        }),
      ),
      // S3 refuses some policies while the public access block is being applied; order them.
      dependsOn: [this.publicAccessBlock],
    });
    registerPolicy(this, `${addressOf(this, policy)}.policy`, stateBucketPolicy);
    return policy;
  }

  private expireOldVersions(props: StateBackendProps): S3BucketLifecycleConfiguration {
    return new S3BucketLifecycleConfiguration(this.scopeFor("lifecycle"), "this", {
      bucket: this.bucket.id,
      rule: [
        {
          // Lifecycle filters cannot match a suffix, so this rule is also what clears `.tflock` churn.
          id: "expire-noncurrent-versions",
          status: "Enabled",
          filter: [{}],
          noncurrentVersionExpiration: [
            {
              noncurrentDays:
                props.noncurrentVersionExpirationDays ?? DEFAULTS.noncurrentVersionExpirationDays,
            },
          ],
          expiration: [{ expiredObjectDeleteMarker: true }],
          abortIncompleteMultipartUpload: [
            {
              daysAfterInitiation:
                props.abortIncompleteMultipartUploadDays ?? DEFAULTS.abortIncompleteMultipartUploadDays,
            },
          ],
        },
      ],
      // Lifecycle rules on versions need versioning to exist first.
      dependsOn: [this.versioning],
    });
  }

  /** Server access logs of the state bucket (who read or wrote which state), when a log bucket is given. */
  private logAccess(logBucketName: string): S3BucketLoggingA {
    const target = this.hcl(logBucketName);
    return new S3BucketLoggingA(this.scopeFor("access_logging"), "this", {
      count: Token.asNumber(raw(`${target} != null ? 1 : 0`)),
      bucket: this.bucket.id,
      targetBucket: raw(target),
      targetPrefix: `${this.bucket.bucket}/`,
    });
  }

  /** The lock table (lock modes `dynamodb` and `both` only). */
  private createLockTable(
    props: StateBackendProps,
    modes: Modes,
    kmsKeyArn: string,
    tags: Readonly<Record<string, string>>,
  ): DynamodbTable {
    return new DynamodbTable(this.scopeFor("lock_table"), "this", {
      count: modes.tableCount,
      name: props.lockTableName ?? defaultLockTableName(props.bucketName),
      billingMode: "PAY_PER_REQUEST",
      hashKey: "LockID",
      attribute: [{ name: "LockID", type: "S" }],
      pointInTimeRecovery: { enabled: true },
      // In SSE-S3 mode the key ARN is null: DynamoDB then uses its AWS managed key.
      serverSideEncryption: { enabled: true, kmsKeyArn: raw(kmsKeyArn) },
      deletionProtectionEnabled: true,
      tags,
      lifecycle: { preventDestroy: true },
    });
  }

  /**
   * The `backend "s3"` text as an HCL expression: one fmt-canonical variant per encryption and lock
   * mode, chosen by conditionals (which, unlike a map, evaluate only the chosen, non-null branch).
   */
  backendConfigExpression(keyPrefixExpression: string): string {
    const e = this.expressions;
    const bindings = {
      bucket: e.bucketName,
      key: keyPrefixExpression,
      region: e.region,
      kms_key_id: e.kmsKeyArn,
      dynamodb_table: e.lockTableName,
    };
    // One quoted line per line of the block, so the module shows the block as it will read.
    const asLines = (text: string): string =>
      `join("\\n", [${text
        .split("\n")
        .map((line) => templateToHcl(line, bindings))
        .join(", ")}])`;
    const variant = (kms: boolean, mode: LockMode): string =>
      asLines(
        renderBackendConfig({
          bucket: param("bucket"),
          key: `${param("key")}${BACKEND_KEY_PLACEHOLDER}`,
          workspaceKeyPrefix: `${param("key")}${WORKSPACE_KEY_SUFFIX}`,
          region: param("region"),
          kmsKeyId: kms ? param("kms_key_id") : undefined,
          useLockfile: LOCKFILE_LOCK_MODES.includes(mode),
          dynamodbTable: TABLE_LOCK_MODES.includes(mode) ? param("dynamodb_table") : undefined,
        }),
      );
    const byLockMode = (kms: boolean): string =>
      `${e.useLockfile} ? (${e.lockTableEnabled} ? ${variant(kms, "both")} : ${variant(kms, "lockfile")}) : ${variant(kms, "dynamodb")}`;
    return `${e.kmsEnabled} ? (${byLockMode(true)}) : (${byLockMode(false)})`;
  }
}

/** Defaults shared with the module's variables. */
export const DEFAULTS = {
  encryption: "kms" as StateEncryption,
  lockMode: "lockfile" as LockMode,
  noncurrentVersionExpirationDays: 90,
  abortIncompleteMultipartUploadDays: 7,
} as const;

/** Collects every problem with concrete props and throws once; expressions are checked at plan. */
function validateProps(props: StateBackendProps): void {
  const problems: string[] = [];
  const concrete = (value: string | undefined): value is string =>
    value !== undefined && !isExpression(value);
  if (concrete(props.bucketName) && !satisfies("bucketName", props.bucketName)) {
    problems.push(`bucketName "${props.bucketName}" must be ${AWS_RULES.bucketName.rule}.`);
  }
  if (concrete(props.encryption) && !(STATE_ENCRYPTIONS as readonly string[]).includes(props.encryption)) {
    problems.push(`encryption "${props.encryption}" must be one of ${STATE_ENCRYPTIONS.join(", ")}.`);
  }
  if (concrete(props.lockMode) && !(LOCK_MODES as readonly string[]).includes(props.lockMode)) {
    problems.push(`lockMode "${props.lockMode}" must be one of ${LOCK_MODES.join(", ")}.`);
  }
  if (concrete(props.lockTableName) && !satisfies("lockTableName", props.lockTableName)) {
    problems.push(`lockTableName "${props.lockTableName}" must be ${AWS_RULES.lockTableName.rule}.`);
  }
  const positiveDays = (name: string, value: number | undefined): void => {
    if (value !== undefined && !Token.isUnresolved(value) && !(Number.isInteger(value) && value >= 1)) {
      problems.push(`${name} ${value} must be a whole number of days, at least 1.`);
    }
  };
  positiveDays("noncurrentVersionExpirationDays", props.noncurrentVersionExpirationDays);
  positiveDays("abortIncompleteMultipartUploadDays", props.abortIncompleteMultipartUploadDays);
  const window = props.kmsDeletionWindowInDays;
  if (
    window !== undefined &&
    !Token.isUnresolved(window) &&
    !(Number.isInteger(window) && window >= KMS_DELETION_WINDOW.min && window <= KMS_DELETION_WINDOW.max)
  ) {
    problems.push(
      `kmsDeletionWindowInDays ${window} must be a whole number from ${KMS_DELETION_WINDOW.min} to ${KMS_DELETION_WINDOW.max}.`,
    );
  }
  if (problems.length) throw new UserError("StateBackend: invalid properties.", problems);
}

/** `aws_kms_key.this` (or the stack's own logical id): the address to index a counted resource by. */
function addressOf(scope: Construct, resource: KmsKey | DynamodbTable | S3BucketPolicy): string {
  return `${resource.terraformResourceType}.${TerraformStack.of(scope).getLogicalId(resource)}`;
}

/**
 * The HCL expression for a value: a token (`${var.x}`) becomes `var.x`, a token inside text becomes
 * a quoted template, and plain text becomes a quoted literal.
 */
export function hclExpression(scope: Construct, value: string): string {
  if (!isExpression(value)) return quoted(value);
  if (!Token.isUnresolved(value)) return singleInterpolation(value) ?? `"${value}"`;
  const resolved: unknown = Tokenization.resolve(value, {
    scope,
    resolver: new DefaultTokenResolver(new StringConcat()),
  });
  if (typeof resolved !== "string") throw new Error(`Cannot express ${String(resolved)} in HCL.`);
  return singleInterpolation(resolved) ?? `"${resolved}"`;
}

/** A cdktf token or raw `${...}` text: known only at plan time, so checked by Terraform, not here. */
function isExpression(value: string): boolean {
  return Token.isUnresolved(value) || value.includes("${");
}

/** `${expr}` -> `expr` when the whole string is one interpolation; otherwise undefined. */
function singleInterpolation(text: string): string | undefined {
  if (!text.startsWith("${") || !text.endsWith("}")) return undefined;
  let depth = 0;
  for (let index = 1; index < text.length; index++) {
    if (text[index] === "{") depth++;
    else if (text[index] === "}") {
      depth--;
      if (depth === 0 && index !== text.length - 1) return undefined;
    }
  }
  return text.slice(2, -1);
}
