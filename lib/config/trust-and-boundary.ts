import { z } from "zod";
import { isSupportedPartition, partitionOfRegion } from "../naming/partition";
import { listedPartitionOf } from "../naming/aws-regions";
import { POLICY_SIZE_LIMITS } from "../iam/policy-kind";

/** The fields of an `environments[]` entry these refusals read. */
interface TrustFields {
  readonly accountId: string;
  readonly region: string;
  readonly trustedPrincipalArns?: readonly string[];
  readonly permissionsBoundaryArn?: string;
  readonly permissionsBoundaryAcknowledged?: string;
}

/** IAM user and role names are 1-64 characters (IAM quotas, "Role name" / "User name"). */
const IAM_NAME_MAX = 64;

/**
 * AWS managed policies that cap nothing as a boundary: AdministratorAccess allows `*` on `*`,
 * PowerUserAccess everything but IAM, Organizations and Account management, IAMFullAccess `iam:*`
 * (a role bounded by it can create an unbounded role). A customer managed policy's text cannot be
 * read at synth (no AWS access), so only these names are known to cap nothing.
 */
const CAPS_NOTHING = ["AdministratorAccess", "PowerUserAccess", "IAMFullAccess"];

const partitionOfArn = (arn: string): string | undefined => /^arn:([^:]+):/.exec(arn)?.[1];

/** The environment's partition, or undefined when its region is reported by its own rule. */
function partitionOf(env: TrustFields): string | undefined {
  return isSupportedPartition(listedPartitionOf(env.region) ?? "")
    ? partitionOfRegion(env.region)
    : undefined;
}

/**
 * The trust policy min-provisioner renders for an environment (no external id, no MFA: the settings
 * set neither), compact as `jsonencode` writes it; IAM counts it without whitespace.
 */
function trustPolicyLength(principals: readonly string[]): number {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "TrustedPrincipalsAssumeRole",
        Effect: "Allow",
        Principal: { AWS: principals },
        Action: ["sts:AssumeRole"],
      },
    ],
  }).length;
}

/** Principals AWS refuses in a role's trust policy: another partition, a name over 64 characters, too many. */
function checkTrustedPrincipals(env: TrustFields, ctx: z.RefinementCtx): void {
  const principals = env.trustedPrincipalArns ?? [];
  const partition = partitionOf(env);
  principals.forEach((arn, index) => {
    const path = ["trustedPrincipalArns", index];
    const own = partitionOfArn(arn);
    if (partition !== undefined && own !== undefined && own !== partition) {
      ctx.addIssue({
        code: "custom",
        path,
        message: `is in partition ${own}, but this environment's role is created in ${env.region} (partition ${partition}), where a principal of another partition can never assume it; use an arn:${partition}: principal`,
      });
    }
    const name = /:(?:role|user)\/(?:[^/]+\/)*([^/]+)$/.exec(arn)?.[1];
    if (name !== undefined && name.length > IAM_NAME_MAX) {
      ctx.addIssue({
        code: "custom",
        path,
        message: `names "${name.slice(0, 20)}...", ${name.length} characters: IAM role and user names are at most ${IAM_NAME_MAX}; name the principal that really exists`,
      });
    }
  });
  const length = trustPolicyLength(principals);
  if (principals.length > 0 && length > POLICY_SIZE_LIMITS.trust) {
    ctx.addIssue({
      code: "custom",
      path: ["trustedPrincipalArns"],
      message: `${principals.length} principals make a trust policy of ${length} characters, over IAM's limit of ${POLICY_SIZE_LIMITS.trust}; trust fewer principals (e.g. the account root instead of each role)`,
    });
  }
}

/** A boundary AWS refuses (another account or partition) or that caps nothing (unless acknowledged). */
function checkBoundary(env: TrustFields, ctx: z.RefinementCtx): void {
  const arn = env.permissionsBoundaryArn;
  const match = arn === undefined ? null : /^arn:([^:]+):iam::([^:]+):policy\/(.+)$/.exec(arn);
  if (match === null) return; // absent, or reported by its own rule
  const [, partition, owner, name] = match;
  const path = ["permissionsBoundaryArn"];
  const expected = partitionOf(env);
  const fix = `use a policy of arn:${expected ?? "<partition>"}:iam::${env.accountId}:policy/... or an AWS managed one`;
  if (expected !== undefined && partition !== expected) {
    const message = `is in partition ${partition}, but the role is created in ${env.region} (partition ${expected}), where IAM refuses it; ${fix}`;
    ctx.addIssue({ code: "custom", path, message });
  }
  if (owner !== "aws" && owner !== env.accountId) {
    const message = `is a policy of account ${owner}, but the role is created in ${env.accountId}: IAM accepts as a boundary only a policy of the role's own account or an AWS managed one; ${fix}`;
    ctx.addIssue({ code: "custom", path, message });
  }
  if (owner === "aws" && CAPS_NOTHING.includes(name) && env.permissionsBoundaryAcknowledged === undefined) {
    const message = `is AWS managed ${name}, a boundary that caps nothing the role's own policies could grant; name a boundary that denies what the role must never do, or set permissionsBoundaryAcknowledged to why this one is enough`;
    ctx.addIssue({ code: "custom", path, message });
  }
}

/** Trust and boundary values AWS refuses, or that protect nothing, each at the key to change. */
export function checkTrustAndBoundary(env: TrustFields, ctx: z.RefinementCtx): void {
  checkTrustedPrincipals(env, ctx);
  checkBoundary(env, ctx);
}
