import type { Settings } from "../config/schema";
import { defaultLockTableName, stateBucketName } from "../naming/state-backend";
import { DEPLOY_PROFILE_IDS } from "../permissions/deploy-profile";
import { EXAMPLE_KMS_KEY_ID } from "./example-policies";

/** Input values by variable name; a module takes those of its own variables. */
export type ExampleInputs = Readonly<Record<string, unknown>>;

/** Known attribute values of data sources, by data source type (the example account and region). */
export type DataSourceValues = Readonly<Record<string, Readonly<Record<string, string>>>>;

/** One way of calling a module whose policies diff and publish evaluate. */
export interface ExampleProbe {
  /** Shown next to a permission change that only this probe sees. */
  readonly name: string;
  readonly inputs: ExampleInputs;
}

/** How diff and publish call each module to read its permissions. */
export interface ModuleExamples {
  readonly probes: readonly ExampleProbe[];
  /** What the module's data sources return in the example account and region. */
  readonly dataSources: DataSourceValues;
}

export function moduleExamples(settings: Settings): ModuleExamples {
  const { accountId, region } = settings.examples;
  return {
    probes: exampleProbes(settings),
    dataSources: {
      aws_caller_identity: { account_id: accountId, arn: `arn:aws:iam::${accountId}:root`, id: accountId },
      aws_region: { region, name: region, id: region },
      aws_partition: { partition: "aws", dns_suffix: "amazonaws.com", id: "aws" },
    },
  };
}

/**
 * The documented example inputs (settings.examples) as module inputs: first the required ones only
 * (every optional input at its default), then with every option that adds statements set, so a
 * change in any branch of a policy is seen.
 */
export function exampleProbes(settings: Settings): readonly ExampleProbe[] {
  const { environmentName, accountId, region, stateKeyPrefix, trustedPrincipalArns } = settings.examples;
  const required: ExampleInputs = {
    bucket_name: stateBucketName({ environmentName, accountId, region }),
    state_key_prefix: stateKeyPrefix,
    environment_name: environmentName,
    account_id: accountId,
    region,
    trusted_principal_arns: trustedPrincipalArns,
  };
  const options: ExampleInputs = {
    kms_key_arn: `arn:aws:kms:${region}:${accountId}:key/${EXAMPLE_KMS_KEY_ID}`,
    lock_table_arn: `arn:aws:dynamodb:${region}:${accountId}:table/${defaultLockTableName(stateBucketName({ environmentName, accountId, region }))}`,
    encryption: "kms",
    lock_mode: "both",
    external_id: "example-external-id",
    require_mfa: true,
    deploy_profiles: [...DEPLOY_PROFILE_IDS],
    permissions_boundary_arn: `arn:aws:iam::${accountId}:policy/${environmentName}-boundary`,
  };
  return [
    { name: "required inputs", inputs: required },
    { name: "every option set", inputs: { ...required, ...options } },
  ];
}
