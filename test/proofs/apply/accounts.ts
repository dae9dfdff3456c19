import { deployParamValues } from "../../../lib/app/deploy-policy-examples";
import { deployPolicyDocuments, unionPolicyDocuments } from "../../../lib/constructs/deploy-policies";
import type { DeployProfileId } from "../../../lib/permissions/deploy-profile";
import { renderConcrete } from "../../../lib/policy/render-concrete";
import type { PolicySet } from "./policy-judge";

/**
 * One moto serves every root module of a proof at once: each root runs in an account of its own
 * (moto keeps accounts apart by access key), so the same environment's names (`tz-state-<account>-
 * <region>`, `tz-MinProvisioner`) never collide, and each root is judged against the deploy policy
 * rendered for its account, exactly as the project generates it.
 */
export const PROOF_ENVIRONMENT = "tz";
export const PROOF_REGION = "eu-west-1";

const admin = (service: string) =>
  `AWS4-HMAC-SHA256 Credential=proof-admin/20260101/${PROOF_REGION}/${service}/aws4_request, SignedHeaders=host, Signature=0`;

/**
 * Creates an access-log bucket in the account of `accessKey`, straight at moto (the proof's set-up,
 * not judged), with the bucket policy that lets S3's logging service write to it (what the
 * state-backend README asks of the log bucket).
 */
export async function adminLogBucket(
  moto: string,
  accessKey: string,
  account: string,
  bucket: string,
): Promise<void> {
  const headers = { authorization: admin("s3").replace("proof-admin", accessKey) };
  const put = async (path: string, body: string) => {
    const response = await fetch(`${moto}/${bucket}${path}`, { method: "PUT", headers, body });
    if (!response.ok) throw new Error(`moto refused PUT ${bucket}${path}: ${await response.text()}`);
  };
  await put(
    "",
    `<CreateBucketConfiguration><LocationConstraint>${PROOF_REGION}</LocationConstraint></CreateBucketConfiguration>`,
  );
  const policy = {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "S3ServerAccessLogs",
        Effect: "Allow",
        Principal: { Service: "logging.s3.amazonaws.com" },
        Action: "s3:PutObject",
        Resource: `arn:aws:s3:::${bucket}/*`,
        Condition: { StringEquals: { "aws:SourceAccount": account } },
      },
    ],
  };
  await put("?policy", JSON.stringify(policy));
}

/** A profile's generated deploy policy, alone, for an account of the example environment. */
export function profilePolicySet(profile: DeployProfileId, account: string): PolicySet {
  const values = deployParamValues({
    environmentName: PROOF_ENVIRONMENT,
    accountId: account,
    region: PROOF_REGION,
  });
  return { label: profile, account, policies: [renderConcrete(deployPolicyDocuments()[profile], values)] };
}

/** Every profile's union, split as `aws_least_privileged_policies` splits it, for an account. */
export function unionPolicySet(account: string): PolicySet {
  const values = deployParamValues({
    environmentName: PROOF_ENVIRONMENT,
    accountId: account,
    region: PROOF_REGION,
  });
  return {
    label: "union (split)",
    account,
    policies: unionPolicyDocuments().map((document) => renderConcrete(document, values)),
  };
}
