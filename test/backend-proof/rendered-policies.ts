import { join } from "node:path";
import type { ConcretePolicy } from "../../lib/policy/render-concrete";
import { removeRootModule, terraformApply, writeRootModule } from "../support/terraform";
import type { Role } from "./aws-call";

/**
 * The policies as consumers get them: `terraform apply` of the generated
 * `modules-out/hcl/state-access-policy` with the proof's bucket, prefix, table and key, so the
 * proof judges the module's own output, not a second rendering of the model.
 */
const MODULE = join(__dirname, "..", "..", "modules-out", "hcl", "state-access-policy");

export interface PolicyInputs {
  readonly bucketName: string;
  readonly stateKeyPrefix: string;
  readonly kmsKeyArn?: string;
  readonly lockTableArn?: string;
  readonly useLockfile: boolean;
  /** The module's 404-vs-403 fallback input (off by default). */
  readonly listBucketWithoutPrefix?: boolean;
}

const hcl = (value: string | undefined): string => (value === undefined ? "null" : JSON.stringify(value));

export function renderPoliciesWithTerraform(
  terraform: string,
  inputs: PolicyInputs,
): Record<Role, ConcretePolicy> {
  const root = writeRootModule({
    "main.tf": [
      `module "state" {`,
      `  source           = ${JSON.stringify(MODULE)}`,
      `  bucket_name      = ${hcl(inputs.bucketName)}`,
      `  state_key_prefix = ${hcl(inputs.stateKeyPrefix)}`,
      `  kms_key_arn      = ${hcl(inputs.kmsKeyArn)}`,
      `  lock_table_arn   = ${hcl(inputs.lockTableArn)}`,
      `  use_lockfile     = ${inputs.useLockfile}`,
      `  list_bucket_without_prefix = ${inputs.listBucketWithoutPrefix ?? false}`,
      `}`,
      `output "runtime" { value = jsondecode(module.state.runtime_policy_json) }`,
      `output "read_only" { value = jsondecode(module.state.read_only_policy_json) }`,
      "",
    ].join("\n"),
  });
  try {
    const result = terraformApply(terraform, root);
    if (!result.ok) throw new Error(`terraform apply of state-access-policy failed:\n${result.log}`);
    return {
      runtime: result.outputs.runtime as ConcretePolicy,
      "read-only": result.outputs.read_only as ConcretePolicy,
    };
  } finally {
    removeRootModule(root);
  }
}
