import { SAMPLE_ACCOUNT } from "../support/simulate";
import type { BackendSettings } from "./backend-root";
import type { PolicyInputs } from "./rendered-policies";

/** The backend configurations of the proof: every lock mode, with SSE-KMS and with SSE-S3. */
export type LockMode = "lockfile" | "dynamodb" | "both";
export type Sse = "sse-kms" | "sse-s3";

export interface ProofMode {
  readonly lockMode: LockMode;
  readonly sse: Sse;
}

export const MODES: readonly ProofMode[] = (["lockfile", "dynamodb", "both"] as const).flatMap((lockMode) =>
  (["sse-kms", "sse-s3"] as const).map((sse) => ({ lockMode, sse })),
);

export const modeName = (mode: ProofMode): string => `${mode.lockMode} + ${mode.sse.toUpperCase()}`;

/**
 * Names of the proof. The key id is a random-format UUID (version 4): Terraform's backend refuses
 * `kms_key_id` values whose UUID has no valid version/variant, such as the AWS docs' example
 * `1234abcd-12ab-34cd-56ef-1234567890ab`.
 */
export const PROOF = {
  region: "eu-west-1",
  accountId: SAMPLE_ACCOUNT,
  bucket: `tz-state-${SAMPLE_ACCOUNT}-eu-west-1`,
  otherBucket: "someone-elses-bucket",
  prefix: "tz/v1/",
  /** Shares the text "tz/v1" but is another prefix. */
  otherPrefix: "tz/v1-old/",
  table: "tz-state-locks",
  kmsKeyArn: `arn:aws:kms:eu-west-1:${SAMPLE_ACCOUNT}:key/1234abcd-12ab-44cd-a6ef-1234567890ab`,
} as const;

export const lockTableArn = `arn:aws:dynamodb:${PROOF.region}:${PROOF.accountId}:table/${PROOF.table}`;

/** The state-access-policy module's inputs for a mode (same bucket, prefix, table and key). */
export function policyInputs(mode: ProofMode): PolicyInputs {
  return {
    bucketName: PROOF.bucket,
    stateKeyPrefix: PROOF.prefix,
    useLockfile: mode.lockMode !== "dynamodb",
    ...(mode.lockMode !== "lockfile" ? { lockTableArn } : {}),
    ...(mode.sse === "sse-kms" ? { kmsKeyArn: PROOF.kmsKeyArn } : {}),
  };
}

/** A backend block for a mode; `bucket`/`prefix` default to the granted ones. */
export function backendFor(
  mode: ProofMode,
  endpoint: string,
  place: { readonly bucket?: string; readonly prefix?: string; readonly name: string },
): BackendSettings {
  const prefix = place.prefix ?? PROOF.prefix;
  return {
    endpoint,
    bucket: place.bucket ?? PROOF.bucket,
    key: `${prefix}${place.name}/terraform.tfstate`,
    region: PROOF.region,
    workspaceKeyPrefix: `${prefix}env`,
    useLockfile: mode.lockMode !== "dynamodb",
    ...(mode.lockMode !== "lockfile" ? { lockTable: PROOF.table } : {}),
    ...(mode.sse === "sse-kms" ? { kmsKeyArn: PROOF.kmsKeyArn } : {}),
  };
}
