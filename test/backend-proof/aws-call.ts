import type { IncomingHttpHeaders } from "node:http";

/**
 * What the loopback endpoint knows about one request, in the terms IAM authorizes it: the
 * operation, the resource it names, the headers and parameters that become condition keys, and the
 * stored object's encryption (S3 calls KMS for reads of SSE-KMS objects, not the client).
 */

/** The two roles of the proof: `runtime` runs apply-like commands, `read-only` plan-like ones. */
export type Role = "runtime" | "read-only";

/** Server-side encryption of an object or of a write: what S3 would apply. */
export interface Encryption {
  readonly algorithm: "AES256" | "aws:kms";
  /** Key ARN for aws:kms. */
  readonly kmsKeyArn?: string;
}

export interface AwsCall {
  /** Order of arrival on this endpoint. */
  readonly seq: number;
  /** The lifecycle step that was running (set by the driver before each command). */
  readonly step: string;
  /** Role of the signing access key; undefined for a key the endpoint does not know. */
  readonly role: Role | undefined;
  readonly service: "s3" | "dynamodb" | "sts" | "unknown";
  /** API operation name, e.g. `ListObjectsV2`, `PutItem`; `Unsupported <METHOD> <path>` otherwise. */
  readonly operation: string;
  readonly method: string;
  /** Path and query exactly as received. */
  readonly url: string;
  /** Every header as received (dummy credentials only, so the signature is no secret). */
  readonly headers: IncomingHttpHeaders;
  readonly bucket?: string;
  readonly key?: string;
  /** Decoded query parameters. */
  readonly query: Readonly<Record<string, string>>;
  /** DynamoDB: table name and the partition keys (LockID values) the request names. */
  readonly table?: string;
  readonly leadingKeys?: readonly string[];
  /** S3 reads: whether the object (or multipart upload) exists, and its encryption. */
  readonly objectExists?: boolean;
  readonly storedEncryption?: Encryption;
  /** S3 writes: the encryption S3 applies (request headers, else the bucket default). */
  readonly writeEncryption?: Encryption;
}

/** One authorization AWS makes for a call: an action on a resource with request context. */
export interface Authorization {
  readonly action: string;
  readonly resource: string;
  readonly context: Readonly<Record<string, string | readonly string[]>>;
  /** KMS calls are evaluated together with the key policy. */
  readonly resourcePolicy?: "kms-key";
  /** Why AWS makes it, for reports (e.g. "S3 calls KMS for SSE-KMS writes"). */
  readonly why: string;
}

/** A call with the endpoint's decision and answer. */
export interface JudgedCall {
  readonly call: AwsCall;
  readonly authorizations: readonly Authorization[];
  /** Authorizations the role's policy denies (empty: the call is allowed). */
  readonly denied: readonly Authorization[];
  /** HTTP status the endpoint answered. */
  status: number;
}
