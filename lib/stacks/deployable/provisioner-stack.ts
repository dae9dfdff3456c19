import { S3Backend, TerraformHclModule, TerraformOutput, TerraformStack } from "cdktf";
import type { Construct } from "constructs";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import type { EnvironmentSettings } from "../../config/schema";
import { gitSource } from "../../naming/module-source";
import { environmentBucketName } from "./bootstrap-stack";
import { WORKSPACE_KEY_SUFFIX } from "../../constructs/state-backend";

export const PROVISIONER_STACK_NAME = "provisioner";

/**
 * Stands in for the state key's ARN until it is known: the bootstrap prints it as `kms_key_arn`.
 * Override at init without editing code: `terraform init -backend-config="kms_key_id=<arn>"`, or
 * set `stateKmsKeyArn` on the environment in cdktf.json.
 */
export const kmsKeyPlaceholder = (env: EnvironmentSettings): string =>
  `arn:aws:kms:${env.region}:${env.accountId}:key/00000000-0000-0000-0000-000000000000`;

export interface ProvisionerStackProps {
  readonly environment: EnvironmentSettings;
  /** Where state keys live: the environment's override or settings.stateKeyPrefix. */
  readonly stateKeyPrefix: string;
  readonly repositoryUrl: string;
  /** The published tag of min-provisioner, e.g. `min-provisioner-v1.2.0`. */
  readonly minProvisionerTag: string;
  /** The state key's ARN (bootstrap output `kms_key_arn`); a placeholder when not configured. */
  readonly kmsKeyArn?: string;
  readonly trustedPrincipalArns: readonly string[];
}

/**
 * Deploys the min-provisioner role from its published git tag (what consumers do), keeping state in
 * the bootstrapped bucket: S3-native locking, encrypted with the state key.
 */
export class ProvisionerStack extends TerraformStack {
  readonly minProvisioner: TerraformHclModule;

  constructor(scope: Construct, props: ProvisionerStackProps) {
    super(scope, PROVISIONER_STACK_NAME);
    const env = props.environment;
    new S3Backend(this, {
      bucket: environmentBucketName(env),
      key: `${props.stateKeyPrefix}${PROVISIONER_STACK_NAME}/terraform.tfstate`,
      // Workspaces (and init's listing of them) inside the prefix the state policies allow.
      workspaceKeyPrefix: `${props.stateKeyPrefix}${WORKSPACE_KEY_SUFFIX}`,
      region: env.region,
      encrypt: true,
      kmsKeyId: props.kmsKeyArn ?? kmsKeyPlaceholder(env),
    });
    // cdktf 0.21's S3BackendConfig has no use_lockfile yet (Terraform >= 1.10 has it).
    this.addOverride("terraform.backend.s3.use_lockfile", true);
    new AwsProvider(this, "aws", { region: env.region, allowedAccountIds: [env.accountId] });
    this.minProvisioner = new TerraformHclModule(this, "min_provisioner", {
      source: gitSource(props.repositoryUrl, "min-provisioner", props.minProvisionerTag),
      variables: {
        environment_name: env.name,
        trusted_principal_arns: [...props.trustedPrincipalArns],
      },
    });
    for (const output of ["role_arn", "role_name"]) {
      new TerraformOutput(this, output, { value: this.minProvisioner.get(output) });
    }
  }
}
