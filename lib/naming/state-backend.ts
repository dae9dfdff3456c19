import { param } from "../hcl/template";

/** Names and ARNs of the state backend. Inputs may be concrete values or `{param}` placeholders. */
export interface NamedThing {
  readonly name: string;
  readonly arn: string;
}

export interface StateEnvironment {
  /** Environment (name prefix) such as `tz`. */
  readonly environmentName: string;
  readonly accountId: string;
  readonly region: string;
}

/** Seed 002's convention: `<prefix>-state-<account-id>-<region>`. */
export function stateBucketName(env: StateEnvironment): string {
  return `${env.environmentName}-state-${env.accountId}-${env.region}`;
}

export function stateBucket(bucketName: string): NamedThing {
  return { name: bucketName, arn: `arn:aws:s3:::${bucketName}` };
}

/** The objects under one state-key prefix (prefix ends with '/'). */
export function stateObjects(bucketName: string, stateKeyPrefix: string): NamedThing {
  return { name: `${stateKeyPrefix}*`, arn: `arn:aws:s3:::${bucketName}/${stateKeyPrefix}*` };
}

/** S3-native lock files Terraform writes next to each state object (`<key>.tflock`). */
export function stateLockObjects(bucketName: string, stateKeyPrefix: string): NamedThing {
  return { name: `${stateKeyPrefix}*.tflock`, arn: `arn:aws:s3:::${bucketName}/${stateKeyPrefix}*.tflock` };
}

export function lockTable(tableName: string, region: string, accountId: string): NamedThing {
  return { name: tableName, arn: `arn:aws:dynamodb:${region}:${accountId}:table/${tableName}` };
}

/** KMS keys have random ids: the pattern matches any key of the account and region. */
export function kmsKeyPattern(region: string, accountId: string): string {
  return `arn:aws:kms:${region}:${accountId}:key/*`;
}

/** The state-backend module's default lock table: `<bucket_name>-locks`. */
export function defaultLockTableName(bucketName: string): string {
  return `${bucketName}-locks`;
}

/** Alias names allow no '.', which bucket names may hold: the alias name has '-' instead. */
export function stateKeyAliasName(bucketName: string): string {
  return bucketName.replace(/\./g, "-");
}

/** The same as `stateKeyAliasName`, as a Terraform expression over an HCL expression. */
export function stateKeyAliasNameHcl(bucketNameExpression: string): string {
  return `replace(${bucketNameExpression}, ".", "-")`;
}

/** Alias of the state key, so humans can find it (`aliasName` already without dots). */
export function stateKeyAlias(aliasName: string): string {
  return `alias/${aliasName}`;
}

/** Placeholders used by the state policies, named like the module variables they become. */
export const STATE_PARAMS = {
  bucketName: param("bucket_name"),
  stateKeyPrefix: param("state_key_prefix"),
  kmsKeyArn: param("kms_key_arn"),
  lockTableArn: param("lock_table_arn"),
} as const;
