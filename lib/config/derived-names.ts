import { AWS_RULES, satisfies } from "../naming/aws-rules";
import { defaultLockTableName, stateBucketName } from "../naming/state-backend";
import { DEFAULT_MIN_PROVISIONER_ROLE_NAME, minProvisionerRole } from "../naming/min-provisioner";
import {
  DEFAULT_ECS_WORKLOAD_NAME,
  ecsComputeBuckets,
  ecsComputePolicies,
  ecsComputeRoles,
} from "../naming/ecs-compute";
import { AURORA_IDENTIFIER_RULE, auroraClusterIdentifier } from "../naming/aurora";

/** The values one environment's names are derived from (an `environments[]` entry or `examples`). */
export interface NameInputs {
  readonly environmentName: string;
  readonly accountId: string;
  readonly region: string;
  /** Explicit overrides: when set, the derived name is not used. */
  readonly stateBucketName?: string;
  readonly lockTableName?: string;
}

/** Prefixes and suffixes AWS reserves for bucket names (not expressible in the length/charset rule). */
const RESERVED_BUCKET_PREFIXES = ["xn--", "sthree-", "amzn-s3-demo-"];
const RESERVED_BUCKET_SUFFIXES = ["-s3alias", "--ol-s3", "--x-s3", ".mrap"];

interface DerivedName {
  readonly what: string;
  readonly name: string;
  /** A `*` in a pattern stands for a suffix of at least one character chosen later. */
  readonly ok: (name: string) => boolean;
  readonly rule: string;
  /** The settings key that avoids the derived name, if any. */
  readonly override?: string;
}

const withSuffix = (pattern: string): string => pattern.replace(/\*/g, "x");

function bucketOk(name: string): boolean {
  return (
    satisfies("bucketName", name) &&
    !RESERVED_BUCKET_PREFIXES.some((prefix) => name.startsWith(prefix)) &&
    !RESERVED_BUCKET_SUFFIXES.some((suffix) => name.endsWith(suffix))
  );
}

const BUCKET_RULE = `${AWS_RULES.bucketName.rule}, not starting with ${RESERVED_BUCKET_PREFIXES.join(", ")}`;

/**
 * Every name the modules derive from an environment, with the AWS rule it must satisfy. Uses the
 * lib/naming functions, so a name that changes there is checked here without edits.
 */
function derivedNames(inputs: NameInputs): DerivedName[] {
  const env = inputs.environmentName;
  const names: DerivedName[] = [];
  if (inputs.stateBucketName === undefined) {
    names.push({
      what: "state bucket name",
      name: stateBucketName(inputs),
      ok: bucketOk,
      rule: BUCKET_RULE,
      override: "stateBucketName",
    });
  }
  if (inputs.lockTableName === undefined) {
    names.push({
      what: "lock table name",
      name: defaultLockTableName(inputs.stateBucketName ?? stateBucketName(inputs)),
      ok: (name) => satisfies("lockTableName", name),
      rule: AWS_RULES.lockTableName.rule,
      override: "lockTableName",
    });
  }
  names.push({
    what: "MinProvisioner role name",
    name: minProvisionerRole(env, DEFAULT_MIN_PROVISIONER_ROLE_NAME, inputs.accountId).name,
    ok: (name) => satisfies("roleName", name),
    rule: AWS_RULES.roleName.rule,
  });
  const workload = DEFAULT_ECS_WORKLOAD_NAME;
  names.push({
    what: "ECS role name",
    name: ecsComputeRoles(env, workload, inputs.accountId).name,
    ok: (name) => satisfies("roleName", withSuffix(name)),
    rule: AWS_RULES.roleName.rule,
  });
  names.push({
    what: "ECS policy name",
    name: ecsComputePolicies(env, workload, inputs.accountId).name,
    ok: (name) => satisfies("policyName", withSuffix(name)),
    rule: AWS_RULES.policyName.rule,
  });
  for (const bucket of ecsComputeBuckets(env, workload)) {
    names.push({
      what: "ECS bucket name",
      name: bucket.name,
      ok: (name) => bucketOk(withSuffix(name)),
      rule: BUCKET_RULE,
    });
  }
  names.push({
    what: "Aurora cluster identifier",
    name: auroraClusterIdentifier(env),
    ok: (name) =>
      name.length <= AURORA_IDENTIFIER_RULE.maxLength &&
      new RegExp(AURORA_IDENTIFIER_RULE.pattern).test(name),
    rule: AURORA_IDENTIFIER_RULE.rule,
  });
  return names;
}

/** One message per derived name that breaks its AWS rule, saying which name, which rule and the fix. */
export function derivedNameProblems(inputs: NameInputs): string[] {
  return derivedNames(inputs)
    .filter((derived) => !derived.ok(derived.name))
    .map(
      (derived) =>
        `derives the ${derived.what} "${derived.name}", which must be ${derived.rule}; choose a shorter or simpler environment name` +
        (derived.override ? ` or set ${derived.override} explicitly` : ""),
    );
}
