import { PARTITION } from "./partition";
import { AWS_RULES } from "./aws-rules";
import type { NamedThing } from "./state-backend";

/** Seed 003's role name, prefixed by the environment so environments in one account do not collide. */
export const DEFAULT_MIN_PROVISIONER_ROLE_NAME = "MinProvisioner";

/** `role_name` may use what is left of IAM's 64 characters after `<environment>-`. */
export const MIN_PROVISIONER_ROLE_NAME_MAX =
  AWS_RULES.roleName.maxLength - AWS_RULES.environmentName.maxLength - 1;

export function minProvisionerRole(env: string, roleName: string, accountId: string): NamedThing {
  const name = `${env}-${roleName}`;
  return { name, arn: `arn:${PARTITION}:iam::${accountId}:role/${name}` };
}

/** One managed policy per document: `<role>-<profile>-<n>`; the pattern matches all of them. */
export function minProvisionerPolicyName(env: string, roleName: string, documentKey: string): string {
  return `${env}-${roleName}-${documentKey}`;
}

export function minProvisionerPolicies(env: string, roleName: string, accountId: string): NamedThing {
  const name = `${env}-${roleName}-*`;
  return { name, arn: `arn:${PARTITION}:iam::${accountId}:policy/${name}` };
}
