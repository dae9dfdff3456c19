import { AWS_RULES, satisfies, type AwsRuleName } from "../naming/aws-rules";
import { defaultLockTableName, stateBucketName } from "../naming/state-backend";
import { DEFAULT_MIN_PROVISIONER_ROLE_NAME, minProvisionerRole } from "../naming/min-provisioner";
import {
  DEFAULT_ECS_WORKLOAD_NAME,
  ecsComputeBuckets,
  ecsComputePolicies,
  ecsComputeRoles,
} from "../naming/ecs-compute";
import { AURORA_IDENTIFIER_RULE, auroraClusterIdentifier } from "../naming/aurora";
import { bucketNameProblem } from "../naming/bucket-name";

/** The values one environment's names are derived from (an `environments[]` entry or `examples`). */
export interface NameInputs {
  readonly environmentName: string;
  readonly accountId: string;
  readonly region: string;
  /** Explicit overrides: when set, the derived name is not used. */
  readonly stateBucketName?: string;
  readonly lockTableName?: string;
}

interface DerivedName {
  readonly what: string;
  readonly name: string;
  /** What the name must (not) be, or undefined when it is fine. */
  readonly problem: (name: string) => string | undefined;
  /** The settings key that avoids the derived name, if any. */
  readonly override?: string;
}

/** A `*` in a pattern stands for a suffix of at least one character chosen later. */
const withSuffix = (pattern: string): string => pattern.replace(/\*/g, "x");

/** A check against one of AWS_RULES, worded like bucketNameProblem. */
const rule =
  (name: AwsRuleName) =>
  (value: string): string | undefined =>
    satisfies(name, value) ? undefined : `be ${AWS_RULES[name].rule}`;

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
      problem: bucketNameProblem,
      override: "stateBucketName",
    });
  }
  if (inputs.lockTableName === undefined) {
    names.push({
      what: "lock table name",
      name: defaultLockTableName(inputs.stateBucketName ?? stateBucketName(inputs)),
      problem: rule("lockTableName"),
      override: "lockTableName",
    });
  }
  names.push({
    what: "MinProvisioner role name",
    name: minProvisionerRole(env, DEFAULT_MIN_PROVISIONER_ROLE_NAME, inputs.accountId).name,
    problem: rule("roleName"),
  });
  const workload = DEFAULT_ECS_WORKLOAD_NAME;
  names.push({
    what: "ECS role name",
    name: ecsComputeRoles(env, workload, inputs.accountId).name,
    problem: (name) => rule("roleName")(withSuffix(name)),
  });
  names.push({
    what: "ECS policy name",
    name: ecsComputePolicies(env, workload, inputs.accountId).name,
    problem: (name) => rule("policyName")(withSuffix(name)),
  });
  for (const bucket of ecsComputeBuckets(env, workload)) {
    names.push({
      what: "ECS bucket name",
      name: bucket.name,
      problem: (name) => bucketNameProblem(withSuffix(name)),
    });
  }
  names.push({
    what: "Aurora cluster identifier",
    name: auroraClusterIdentifier(env),
    problem: (name) =>
      name.length <= AURORA_IDENTIFIER_RULE.maxLength && new RegExp(AURORA_IDENTIFIER_RULE.pattern).test(name)
        ? undefined
        : `be ${AURORA_IDENTIFIER_RULE.rule}`,
  });
  return names;
}

/** One message per derived name that breaks its AWS rule, saying which name, which rule and the fix. */
export function derivedNameProblems(inputs: NameInputs): string[] {
  return derivedNames(inputs).flatMap((derived) => {
    const problem = derived.problem(derived.name);
    if (problem === undefined) return [];
    const override = derived.override ? ` or set ${derived.override} explicitly` : "";
    return [
      `derives the ${derived.what} "${derived.name}", which must ${problem}; choose a shorter or simpler environment name${override}`,
    ];
  });
}

/** An explicit stateBucketName or lockTableName: the rules its derived counterpart is held to. */
export const OVERRIDE_RULES = {
  stateBucketName: bucketNameProblem,
  lockTableName: rule("lockTableName"),
} as const;
