import { S3Backend, TerraformHclModule, TerraformOutput, TerraformStack } from "cdktf";
import type { Construct } from "constructs";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { environmentStateKeyPrefix, type EnvironmentSettings } from "../../config/schema";
import { gitSource } from "../../naming/module-source";
import { environmentBucketName, environmentLockTableName } from "./bootstrap-stack";
import { WORKSPACE_KEY_SUFFIX } from "../../constructs/state-backend";
import { deployableStackName } from "./deployable-plan";
import { acceptAwsProviderVersions } from "./aws-provider-versions";

/** `provisioner-<env>-<account>-<region>`. */
export const provisionerStackName = (env: EnvironmentSettings): string =>
  deployableStackName("provisioner", env);

export interface ProvisionerStackProps {
  /** Everything environment-specific comes from here: trust, profiles, boundary, state location. */
  readonly environment: EnvironmentSettings;
  readonly repositoryUrl: string;
  /** The published tag of min-provisioner, e.g. `min-provisioner-v1.2.0`. */
  readonly minProvisionerTag: string;
  /** The bootstrap's key, for KMS-encrypted state (required then: a backend never names a made-up key). */
  readonly stateKmsKeyArn?: string;
  /** The hashicorp/aws versions the stack accepts (settings `awsProviderVersion`). */
  readonly awsProviderVersion: string;
}

/**
 * Deploys one environment's min-provisioner role from its published git tag (what consumers do),
 * keeping state in that environment's bootstrapped bucket under its own prefix, locked and
 * encrypted as its state backend was created.
 */
export class ProvisionerStack extends TerraformStack {
  readonly minProvisioner: TerraformHclModule;

  constructor(scope: Construct, props: ProvisionerStackProps) {
    super(scope, provisionerStackName(props.environment));
    const env = props.environment;
    this.configureBackend(env, props.stateKmsKeyArn);
    new AwsProvider(this, "aws", { region: env.region, allowedAccountIds: [env.accountId] });
    acceptAwsProviderVersions(this, props.awsProviderVersion);
    this.minProvisioner = new TerraformHclModule(this, "min_provisioner", {
      source: gitSource(props.repositoryUrl, "min-provisioner", props.minProvisionerTag),
      variables: minProvisionerVariables(env),
    });
    for (const output of ["role_arn", "role_name"]) {
      new TerraformOutput(this, output, { value: this.minProvisioner.get(output) });
    }
  }

  private configureBackend(env: EnvironmentSettings, stateKmsKeyArn: string | undefined): void {
    const prefix = environmentStateKeyPrefix(env);
    const kms = env.encryption === "kms";
    const dynamodb = env.lockMode !== "lockfile";
    new S3Backend(this, {
      bucket: environmentBucketName(env),
      key: `${prefix}provisioner/terraform.tfstate`,
      // Workspaces (and init's listing of them) inside the prefix the state policies allow.
      workspaceKeyPrefix: `${prefix}${WORKSPACE_KEY_SUFFIX}`,
      region: env.region,
      encrypt: true,
      ...(kms ? { kmsKeyId: requiredKey(env, stateKmsKeyArn) } : {}),
      ...(dynamodb ? { dynamodbTable: environmentLockTableName(env) } : {}),
    });
    // cdktf 0.21's S3BackendConfig has no use_lockfile yet (Terraform >= 1.10 has it).
    if (env.lockMode !== "dynamodb") this.addOverride("terraform.backend.s3.use_lockfile", true);
  }
}

/** planDeployableStacks leaves out a provisioner whose key is unknown; reaching here without one is a bug. */
function requiredKey(env: EnvironmentSettings, stateKmsKeyArn: string | undefined): string {
  if (stateKmsKeyArn === undefined)
    throw new Error(`provisioner of ${env.name}: KMS-encrypted state without a known key was planned`);
  return stateKmsKeyArn;
}

/** Only what the environment sets: the module's defaults stay the module's (and its tag's). */
function minProvisionerVariables(env: EnvironmentSettings): Record<string, unknown> {
  return {
    environment_name: env.name,
    trusted_principal_arns: [...(env.trustedPrincipalArns ?? [])],
    ...(env.deployProfiles ? { deploy_profiles: [...env.deployProfiles] } : {}),
    ...(env.permissionsBoundaryArn ? { permissions_boundary_arn: env.permissionsBoundaryArn } : {}),
    // The names the state_backend profile may create must be the ones the bootstrap created.
    ...(env.stateBucketName ? { state_bucket_name: env.stateBucketName } : {}),
    ...(env.lockTableName ? { lock_table_name: env.lockTableName } : {}),
  };
}
