import { isSupportedPartition, partitionOfRegion } from "../naming/partition";
import { listedPartitionOf } from "../naming/aws-regions";
import { z } from "zod";
import { satisfies } from "../naming/aws-rules";
import { DEPLOY_PROFILE_IDS, PROFILES_NEEDING_BOUNDARY } from "../naming/deploy-profiles";

/** Lock mechanisms and encryptions of the state-backend module (`lock_mode`, `encryption`). */
export const LOCK_MODES = ["lockfile", "dynamodb", "both"] as const;
export const STATE_ENCRYPTIONS = ["kms", "sse-s3"] as const;

/** The fields of an `environments[]` entry the checks below read. */
interface DeployFields {
  readonly accountId: string;
  readonly region: string;
  readonly encryption: (typeof STATE_ENCRYPTIONS)[number];
  readonly trustedPrincipalArns?: readonly string[];
  readonly trustedAccountIds?: readonly string[];
  readonly stateKmsKeyArn?: string;
  readonly deployProfiles?: readonly string[];
  readonly permissionsBoundaryArn?: string;
}

/** The 12-digit account of a principal ARN (iam::<account>: or sts::<account>:). */
const accountOf = (arn: string): string | undefined => /^arn:[^:]+:(?:iam|sts)::([0-9]{12}):/.exec(arn)?.[1];

/** A principal may be trusted only in the environment's own account or an account named in trustedAccountIds. */
function checkTrust(env: DeployFields, ctx: z.RefinementCtx): void {
  const named = new Set([env.accountId, ...(env.trustedAccountIds ?? [])]);
  (env.trustedPrincipalArns ?? []).forEach((arn, index) => {
    const account = accountOf(arn);
    if (account === undefined || named.has(account)) return;
    ctx.addIssue({
      code: "custom",
      path: ["trustedPrincipalArns", index],
      message: `names account ${account}, which is neither this environment's account (${env.accountId}) nor listed in its trustedAccountIds; use a principal of ${env.accountId}, or add "${account}" to trustedAccountIds if that account really deploys here`,
    });
  });
}

/** The state key must belong to this environment, and only KMS-encrypted state has one. */
function checkStateKey(env: DeployFields, ctx: z.RefinementCtx): void {
  const arn = env.stateKmsKeyArn;
  // A value that is no key ARN at all is reported by its own rule.
  if (arn === undefined || !satisfies("kmsKeyArn", arn)) return;
  // A region AWS does not list, or of another partition, is reported by its own rule.
  if (!isSupportedPartition(listedPartitionOf(env.region) ?? "")) return;
  const expected = `arn:${partitionOfRegion(env.region)}:kms:${env.region}:${env.accountId}:key/`;
  const message =
    env.encryption !== "kms"
      ? `is set while encryption is "${env.encryption}", which creates no key; remove stateKmsKeyArn or set encryption to "kms"`
      : !arn.startsWith(expected)
        ? `must be a key of this environment's account and region (${expected}...); use the kms_key_arn output of its bootstrap stack`
        : undefined;
  if (message) ctx.addIssue({ code: "custom", path: ["stateKmsKeyArn"], message });
}

/** Profiles once each; one that can rewrite the role's own policies only under a boundary. */
function checkProfiles(env: DeployFields, ctx: z.RefinementCtx): void {
  const profiles = env.deployProfiles ?? [];
  profiles.forEach((profile, index) => {
    if (profiles.indexOf(profile) !== index) {
      ctx.addIssue({
        code: "custom",
        path: ["deployProfiles", index],
        message: `lists "${profile}" twice; list each profile once`,
      });
    }
  });
  for (const profile of PROFILES_NEEDING_BOUNDARY) {
    if (profiles.includes(profile) && env.permissionsBoundaryArn === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["deployProfiles"],
        message: `includes "${profile}", which lets the role rewrite its own policies; set permissionsBoundaryArn (the boundary caps what they can grant) or remove "${profile}"`,
      });
    }
  }
}

/** Cross-key rules of one environment's deploy settings, each reported at the key to change. */
export function checkDeploySettings(env: DeployFields, ctx: z.RefinementCtx): void {
  checkTrust(env, ctx);
  checkStateKey(env, ctx);
  checkProfiles(env, ctx);
}

export const deployProfileSchema = z.enum(DEPLOY_PROFILE_IDS, {
  message: `must be one of ${DEPLOY_PROFILE_IDS.join(", ")}`,
});
