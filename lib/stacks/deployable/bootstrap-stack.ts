import { join, relative } from "node:path";
import { LocalBackend, TerraformHclModule, TerraformOutput, TerraformStack } from "cdktf";
import type { Construct } from "constructs";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { environmentStateKeyPrefix, type EnvironmentSettings } from "../../config/schema";
import { defaultLockTableName, stateBucketName } from "../../naming/state-backend";
import type { LockMode, StateEncryption } from "../../constructs/state-backend";
import { deployableStackName } from "./deployable-plan";
import { acceptAwsProviderVersions } from "./aws-provider-versions";
import { bootstrapStateFile } from "../../config/bootstrap-outputs";

export interface BootstrapStackProps {
  readonly environment: EnvironmentSettings;
  /** Where modules-out/ lives: the module is consumed by local path, never copied. */
  readonly projectRoot: string;
  /** The App's outdir; the module path is relative to the stack's own folder in it. */
  readonly appOutdir: string;
  /** The hashicorp/aws versions the stack accepts (settings `awsProviderVersion`). */
  readonly awsProviderVersion: string;
}

/** `bootstrap-<env>-<account>-<region>`. */
export const bootstrapStackName = (env: EnvironmentSettings): string => deployableStackName("bootstrap", env);

/** The bucket the bootstrap creates: the override, or seed 002's `<env>-state-<account>-<region>`. */
export const environmentBucketName = (env: EnvironmentSettings): string =>
  env.stateBucketName ??
  stateBucketName({ environmentName: env.name, accountId: env.accountId, region: env.region });

/** The lock table the module and the state_backend deploy policy both default to: `<bucket>-locks`. */
export const environmentLockTableName = (env: EnvironmentSettings): string =>
  env.lockTableName ?? defaultLockTableName(environmentBucketName(env));

// The settings and the module must offer the same choices: a mode the module lacks fails to compile.
const lockMode = (env: EnvironmentSettings): LockMode => env.lockMode;
const encryption = (env: EnvironmentSettings): StateEncryption => env.encryption;

/**
 * Creates the state backend of one account and region with the state-backend module from
 * modules-out/hcl, keeping its own state locally (the bucket does not exist yet). After the first
 * deploy the state moves into the bucket with `terraform init -migrate-state` (see README).
 * Kept small on purpose: one provider, one module call, three outputs, so 100 environments stay cheap.
 */
export class BootstrapStack extends TerraformStack {
  readonly stateBackend: TerraformHclModule;

  constructor(scope: Construct, props: BootstrapStackProps) {
    const name = bootstrapStackName(props.environment);
    super(scope, name);
    const env = props.environment;
    new LocalBackend(this, { path: bootstrapStateFile(props.projectRoot, name) });
    new AwsProvider(this, "aws", { region: env.region, allowedAccountIds: [env.accountId] });
    acceptAwsProviderVersions(this, props.awsProviderVersion);
    const stackDir = join(props.appOutdir, "stacks", name);
    this.stateBackend = new TerraformHclModule(this, "state_backend", {
      source: relative(stackDir, join(props.projectRoot, "modules-out", "hcl", "state-backend"))
        .split("\\")
        .join("/"),
      // No copy into cdktf.out: Terraform reads the committed module in place.
      skipAssetCreationFromLocalModules: true,
      variables: {
        bucket_name: environmentBucketName(env),
        encryption: encryption(env),
        lock_mode: lockMode(env),
        // The name the state_backend deploy policy expects (the module's own default, or the override).
        lock_table_name: environmentLockTableName(env),
        // backend_config and runtime_policy_json then name this environment's own prefix.
        state_key_prefix: environmentStateKeyPrefix(env),
        // Tags everything Environment = <name>: the state_backend deploy policy creates the key only so.
        environment_name: env.name,
      },
    });
    for (const output of ["bucket_name", "kms_key_arn", "backend_config"]) {
      new TerraformOutput(this, output, { value: this.stateBackend.get(output) });
    }
  }
}
