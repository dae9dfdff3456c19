import { TerraformStack } from "cdktf";
import type { Construct } from "constructs";
import type { PolicyDocument } from "./model";

/**
 * Constructs that render a PolicyDocument into Terraform register the document here, so the rule
 * pack inspects the model itself rather than re-parsing the `jsonencode(...)` text it became.
 * Keyed by stack, then by the address of the attribute holding the policy:
 *   `aws_iam_policy.this.policy`, `aws_iam_role.this.assume_role_policy`,
 *   `aws_s3_bucket_policy.this.policy`, `aws_kms_key.this.policy`, `output.runtime_policy_json`,
 *   `local.deploy_policy`.
 */
const REGISTRY = new WeakMap<TerraformStack, Map<string, readonly PolicyDocument[]>>();

const ADDRESS =
  /^((output|local)\.[A-Za-z_][A-Za-z0-9_-]*|[a-z][a-z0-9_]*\.[A-Za-z_][A-Za-z0-9_-]*\.[a-z_]+)$/;

/**
 * Records that `address` in the stack containing `scope` holds `documents`: one document, or the
 * parts of a policy split to fit the size limit (judged as their union).
 */
export function registerPolicy(scope: Construct, address: string, ...documents: PolicyDocument[]): void {
  if (!ADDRESS.test(address)) {
    throw new Error(
      `registerPolicy: "${address}" is not an attribute address such as aws_iam_policy.this.policy or output.runtime_policy_json.`,
    );
  }
  const stack = TerraformStack.of(scope);
  const policies = REGISTRY.get(stack) ?? new Map<string, readonly PolicyDocument[]>();
  policies.set(address, documents);
  REGISTRY.set(stack, policies);
}

/** The documents registered in a stack, by attribute address. */
export function registeredPolicies(stack: TerraformStack): ReadonlyMap<string, readonly PolicyDocument[]> {
  return REGISTRY.get(stack) ?? new Map();
}
