import { Construct } from "constructs";
import type { PolicyDocument } from "../policy/model";
import { renderTerraformExpression, type ParamBinding } from "../policy/render-terraform";
import { assertValidPolicy } from "../policy/validate";
import { stateReadOnlyPolicy, stateRuntimePolicy } from "../policy/documents/state-access";

export interface StateAccessPolicyProps {
  /** HCL expression of the partition every ARN is in, e.g. `var.partition`. */
  readonly partition: string;
  /** HCL expression of the partition's DNS suffix (for `kms:ViaService`), e.g. `local.dns_suffix`. */
  readonly dnsSuffix: string;
  /** HCL expression of the state bucket's name, e.g. `var.bucket_name`. */
  readonly bucketName: string;
  /** HCL expression of the key prefix (no leading '/', ends with '/'), e.g. `var.state_key_prefix`. */
  readonly stateKeyPrefix: string;
  /**
   * HCL expression of the KMS key ARN, or of null for SSE-S3 state.
   * @default "null" (no KMS statements)
   */
  readonly kmsKeyArn?: string;
  /**
   * HCL expression of the DynamoDB lock table ARN, or of null without a lock table.
   * @default "null" (no DynamoDB statements)
   */
  readonly lockTableArn?: string;
  /**
   * HCL expression of a bool: whether Terraform uses S3 lock files (`use_lockfile`).
   * @default "true"
   */
  readonly useLockfile?: string;
  /**
   * HCL expression of a bool: also grant s3:ListBucket on the whole bucket (the 404-vs-403 fallback).
   * @default "false"
   */
  readonly listBucketWithoutPrefix?: string;
}

/**
 * The state-access policies (runtime for apply, read-only for plan) as Terraform values. Provider-
 * free: only `jsonencode(...)` over the given expressions, so Terraform evaluates them offline.
 * The documents are validated against AWS's catalogue first; a bad document fails synth here.
 */
export class StateAccessPolicy extends Construct {
  /** `${jsonencode(...)}`: the runtime (apply) policy JSON, for an output or a policy resource. */
  readonly runtimePolicyJson: string;
  /** `${jsonencode(...)}`: the read-only (plan) policy JSON. */
  readonly readOnlyPolicyJson: string;

  constructor(scope: Construct, id: string, props: StateAccessPolicyProps) {
    super(scope, id);
    const bindings: Record<string, ParamBinding> = {
      partition: { expression: props.partition },
      dns_suffix: { expression: props.dnsSuffix },
      bucket_name: { expression: props.bucketName },
      state_key_prefix: { expression: props.stateKeyPrefix },
      kms_key_arn: { expression: props.kmsKeyArn ?? "null" },
      lock_table_arn: { expression: props.lockTableArn ?? "null" },
      use_lockfile: { expression: props.useLockfile ?? "true" },
      list_bucket_without_prefix: { expression: props.listBucketWithoutPrefix ?? "false" },
    };
    this.runtimePolicyJson = render(stateRuntimePolicy, bindings);
    this.readOnlyPolicyJson = render(stateReadOnlyPolicy, bindings);
  }
}

function render(document: PolicyDocument, bindings: Readonly<Record<string, ParamBinding>>): string {
  assertValidPolicy(document);
  // cdktf passes a raw `${...}` string through untouched into both JSON and HCL output.
  return "${" + renderTerraformExpression(document, bindings) + "}";
}
