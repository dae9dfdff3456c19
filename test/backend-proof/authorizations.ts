import type { Authorization, AwsCall } from "./aws-call";

/**
 * Request -> the authorizations AWS makes for it (the mapping iamlive applies to real traffic),
 * from AWS's Service Authorization Reference and the S3/KMS user guides:
 * - S3 object reads (GetObject, HeadObject) need s3:GetObject; a missing key answers 404 only if the
 *   caller may also s3:ListBucket the bucket, else 403 (see MissingKeyModel);
 * - writes (PutObject and every multipart step but Abort) need s3:PutObject, with the request's
 *   `If-None-Match` and SSE headers as `s3:if-none-match`, `s3:x-amz-server-side-encryption` and
 *   `s3:x-amz-server-side-encryption-aws-kms-key-id`; AbortMultipartUpload needs
 *   s3:AbortMultipartUpload, ListParts s3:ListMultipartUploadParts;
 * - ListObjectsV2 needs s3:ListBucket on the bucket with `s3:prefix`, `s3:delimiter`, `s3:max-keys`;
 * - SSE-KMS: S3 calls KMS with the caller's identity (kms:ViaService = s3.<region>.amazonaws.com):
 *   GenerateDataKey for a new object or multipart upload, Decrypt to read an object and for each
 *   part and the completion of an SSE-KMS multipart upload (the S3 guide: "kms:Decrypt and
 *   kms:GenerateDataKey* ... because Amazon S3 must decrypt and read data from the encrypted file
 *   parts"). An S3 Bucket Key makes S3 call KMS less often, never with other actions, so modelling
 *   without it is the upper bound. HeadObject and DeleteObject never call KMS;
 * - DynamoDB item calls need the same-named action on the table with `dynamodb:LeadingKeys`;
 * - sts:GetCallerIdentity needs no permission (AWS answers it even under an explicit deny).
 */

/**
 * The open AWS question: when a key is missing, does S3 decide 404 vs 403 by evaluating
 * s3:ListBucket with `s3:prefix` = the key (a prefix-scoped grant then counts), or without any
 * `s3:prefix` (a prefix-scoped grant then does not count and the caller gets 403)?
 */
export type MissingKeyModel = "list-checked-with-key-as-prefix" | "list-checked-without-prefix";

export interface AuthorizationSettings {
  readonly region: string;
  readonly accountId: string;
  readonly missingKey: MissingKeyModel;
}

const OBJECT_WRITES = new Set([
  "PutObject",
  "CreateMultipartUpload",
  "UploadPart",
  "CompleteMultipartUpload",
]);
const OBJECT_READS = new Set(["GetObject", "HeadObject"]);

export function authorizationsFor(call: AwsCall, settings: AuthorizationSettings): Authorization[] {
  switch (call.service) {
    case "s3":
      return s3Authorizations(call, settings);
    case "dynamodb":
      return dynamodbAuthorizations(call, settings);
    case "sts":
      return [];
    default:
      throw new Error(`no IAM mapping for ${call.operation} (${call.method} ${call.url})`);
  }
}

function s3Authorizations(call: AwsCall, settings: AuthorizationSettings): Authorization[] {
  const bucketArn = `arn:aws:s3:::${call.bucket ?? ""}`;
  const objectArn = `${bucketArn}/${call.key ?? ""}`;
  if (call.operation === "ListObjectsV2") {
    const context: Record<string, string> = {};
    for (const [param, key] of [
      ["prefix", "s3:prefix"],
      ["delimiter", "s3:delimiter"],
      ["max-keys", "s3:max-keys"],
    ] as const) {
      const value = call.query[param];
      if (value !== undefined) context[key] = value;
    }
    return [{ action: "s3:ListBucket", resource: bucketArn, context, why: "ListObjectsV2" }];
  }
  if (OBJECT_READS.has(call.operation)) {
    const result: Authorization[] = [
      { action: "s3:GetObject", resource: objectArn, context: {}, why: call.operation },
    ];
    if (call.objectExists === false) {
      const context: Record<string, string> =
        settings.missingKey === "list-checked-with-key-as-prefix" ? { "s3:prefix": call.key ?? "" } : {};
      result.push({
        action: "s3:ListBucket",
        resource: bucketArn,
        context,
        why: `${call.operation} of a missing key: 404 (not 403) only with s3:ListBucket`,
      });
    }
    if (call.operation === "GetObject" && call.objectExists && call.storedEncryption?.kmsKeyArn) {
      result.push(
        kms("kms:Decrypt", call.storedEncryption.kmsKeyArn, settings, "S3 decrypts an SSE-KMS object"),
      );
    }
    return result;
  }
  if (OBJECT_WRITES.has(call.operation)) {
    const result: Authorization[] = [
      { action: "s3:PutObject", resource: objectArn, context: writeContext(call), why: call.operation },
    ];
    if (call.operation === "PutObject" || call.operation === "CreateMultipartUpload") {
      const keyArn = call.writeEncryption?.kmsKeyArn;
      if (keyArn) result.push(kms("kms:GenerateDataKey", keyArn, settings, "S3 encrypts with SSE-KMS"));
    } else if (call.storedEncryption?.kmsKeyArn) {
      result.push(
        kms(
          "kms:Decrypt",
          call.storedEncryption.kmsKeyArn,
          settings,
          "S3 reads the SSE-KMS upload's data key",
        ),
      );
    }
    return result;
  }
  const simple: Record<string, string> = {
    DeleteObject: "s3:DeleteObject",
    AbortMultipartUpload: "s3:AbortMultipartUpload",
    ListParts: "s3:ListMultipartUploadParts",
  };
  const action = simple[call.operation];
  if (!action) throw new Error(`no IAM mapping for S3 ${call.operation} (${call.method} ${call.url})`);
  return [{ action, resource: objectArn, context: {}, why: call.operation }];
}

/** Condition keys S3 sets from a write's headers; a header that is absent gives no key (as in AWS). */
function writeContext(call: AwsCall): Record<string, string> {
  const context: Record<string, string> = {};
  const header = (name: string): string | undefined => {
    const value = call.headers[name];
    return typeof value === "string" ? value : undefined;
  };
  const ifNoneMatch = header("if-none-match");
  if (ifNoneMatch !== undefined) context["s3:if-none-match"] = ifNoneMatch;
  const sse = header("x-amz-server-side-encryption");
  if (sse !== undefined) context["s3:x-amz-server-side-encryption"] = sse;
  const keyId = header("x-amz-server-side-encryption-aws-kms-key-id");
  if (keyId !== undefined) context["s3:x-amz-server-side-encryption-aws-kms-key-id"] = keyId;
  return context;
}

function kms(action: string, keyArn: string, settings: AuthorizationSettings, why: string): Authorization {
  return {
    action,
    resource: keyArn,
    context: {
      "kms:ViaService": `s3.${settings.region}.amazonaws.com`,
      "kms:CallerAccount": settings.accountId,
    },
    resourcePolicy: "kms-key",
    why,
  };
}

function dynamodbAuthorizations(call: AwsCall, settings: AuthorizationSettings): Authorization[] {
  const tableArn = `arn:aws:dynamodb:${settings.region}:${settings.accountId}:table/${call.table ?? ""}`;
  const itemActions = new Set(["GetItem", "PutItem", "DeleteItem"]);
  if (itemActions.has(call.operation)) {
    return [
      {
        action: `dynamodb:${call.operation}`,
        resource: tableArn,
        context: { "dynamodb:LeadingKeys": call.leadingKeys ?? [] },
        why: call.operation,
      },
    ];
  }
  if (call.operation === "DescribeTable") {
    return [{ action: "dynamodb:DescribeTable", resource: tableArn, context: {}, why: call.operation }];
  }
  throw new Error(`no IAM mapping for DynamoDB ${call.operation}`);
}
