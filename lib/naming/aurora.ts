import { PARTITION } from "./partition";
import type { NamedThing } from "./state-backend";

/** RDS cluster identifiers: a letter first, then letters, digits and single hyphens, no trailing hyphen. */
export const AURORA_IDENTIFIER_RULE = {
  pattern: "^[a-z](-?[a-z0-9])*$",
  /** 63 minus `-instance-NN`, so every instance identifier fits RDS's 63 characters too. */
  maxLength: 51,
  rule: "1-51 characters: lowercase letters, digits and single hyphens, starting with a letter, not ending with '-'",
} as const;

/** Seed 000's cluster, one per environment: `<environment>-aurora`. */
export function auroraClusterIdentifier(environmentName: string): string {
  return `${environmentName}-aurora`;
}

export function auroraCluster(identifier: string, region: string, accountId: string): NamedThing {
  return { name: identifier, arn: `arn:${PARTITION}:rds:${region}:${accountId}:cluster:${identifier}` };
}

/** Instances are `<cluster>-instance-<n>`: the pattern matches every instance of the cluster. */
export function auroraInstances(identifier: string, region: string, accountId: string): NamedThing {
  const name = `${identifier}-instance-*`;
  return { name, arn: `arn:${PARTITION}:rds:${region}:${accountId}:db:${name}` };
}

export function auroraSubnetGroup(identifier: string, region: string, accountId: string): NamedThing {
  const name = `${identifier}-subnets`;
  return { name, arn: `arn:${PARTITION}:rds:${region}:${accountId}:subgrp:${name}` };
}

export function auroraClusterParameterGroup(
  identifier: string,
  region: string,
  accountId: string,
): NamedThing {
  const name = `${identifier}-params`;
  return { name, arn: `arn:${PARTITION}:rds:${region}:${accountId}:cluster-pg:${name}` };
}

/** The snapshot RDS takes when the cluster is destroyed. */
export function auroraFinalSnapshot(identifier: string, region: string, accountId: string): NamedThing {
  const name = `${identifier}-final`;
  return { name, arn: `arn:${PARTITION}:rds:${region}:${accountId}:cluster-snapshot:${name}` };
}

export function auroraKeyAlias(identifier: string, region: string, accountId: string): NamedThing {
  const name = `alias/${identifier}`;
  return { name, arn: `arn:${PARTITION}:kms:${region}:${accountId}:${name}` };
}
