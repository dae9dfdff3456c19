import type { IncomingHttpHeaders } from "node:http";

/**
 * One AWS API request as it travels on the wire (what the enforcing proxy sees in full), and how its
 * operation is read from it: `X-Amz-Target` for the JSON protocols (KMS, DynamoDB, ECS, Logs),
 * `Action=` for the query protocols (IAM, STS, RDS, EC2), method + path + sub-resource for S3's
 * REST protocol. The record checks every operation read here against the provider's own log
 * (`rpc.method`), so the S3 table below cannot drift silently.
 */
export interface WireCall {
  /** Order of arrival at the proxy. */
  readonly seq: number;
  /** The life-cycle step running when it arrived (apply, plan, update, ...). */
  readonly step: string;
  /** Access key id of the SigV4 credential scope. */
  readonly accessKey: string;
  /** Signing name of the credential scope (`s3`, `kms`, `iam`, ...). */
  readonly service: string;
  readonly region: string;
  /** API operation name as the SDK names it (`CreateBucket`, `PutPublicAccessBlock`, `CreateKey`). */
  readonly operation: string;
  readonly method: string;
  /** Path, decoded, without the query string. */
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  /** `amz-sdk-invocation-id`: joins the call with the provider's log entry. */
  readonly invocationId: string;
}

const SCOPE = /Credential=([^/]+)\/[^/]+\/([^/]+)\/([^/]+)\/aws4_request/;

/** Access key, region and signing service of a SigV4 `Authorization` header. */
export function credentialScope(authorization: string | undefined): {
  accessKey: string;
  region: string;
  service: string;
} {
  const match = SCOPE.exec(authorization ?? "");
  return { accessKey: match?.[1] ?? "", region: match?.[2] ?? "", service: match?.[3] ?? "" };
}

/** Query-protocol parameters (form body) or JSON body, whichever the request carries. */
export function formParams(body: string): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(body));
}

/**
 * S3 sub-resources: `<method> <sub-resource>` on a bucket -> SDK operation. Object-level calls
 * (a key in the path) are below. Taken from the S3 API reference's request syntax.
 */
const S3_BUCKET_SUBRESOURCES: Readonly<Record<string, string>> = {
  "GET accelerate": "GetBucketAccelerateConfiguration",
  "GET acl": "GetBucketAcl",
  "GET cors": "GetBucketCors",
  "GET encryption": "GetBucketEncryption",
  "PUT encryption": "PutBucketEncryption",
  "DELETE encryption": "DeleteBucketEncryption",
  "GET lifecycle": "GetBucketLifecycleConfiguration",
  "PUT lifecycle": "PutBucketLifecycleConfiguration",
  "DELETE lifecycle": "DeleteBucketLifecycle",
  "GET location": "GetBucketLocation",
  "GET logging": "GetBucketLogging",
  "PUT logging": "PutBucketLogging",
  "GET object-lock": "GetObjectLockConfiguration",
  "GET ownershipControls": "GetBucketOwnershipControls",
  "PUT ownershipControls": "PutBucketOwnershipControls",
  "DELETE ownershipControls": "DeleteBucketOwnershipControls",
  "GET policy": "GetBucketPolicy",
  "PUT policy": "PutBucketPolicy",
  "DELETE policy": "DeleteBucketPolicy",
  "GET publicAccessBlock": "GetPublicAccessBlock",
  "PUT publicAccessBlock": "PutPublicAccessBlock",
  "DELETE publicAccessBlock": "DeletePublicAccessBlock",
  "GET replication": "GetBucketReplication",
  "GET requestPayment": "GetBucketRequestPayment",
  "GET tagging": "GetBucketTagging",
  "PUT tagging": "PutBucketTagging",
  "DELETE tagging": "DeleteBucketTagging",
  "GET versioning": "GetBucketVersioning",
  "PUT versioning": "PutBucketVersioning",
  "GET website": "GetBucketWebsite",
  "GET versions": "ListObjectVersions",
  "GET uploads": "ListMultipartUploads",
  "POST delete": "DeleteObjects",
};

const S3_BUCKET_PLAIN: Readonly<Record<string, string>> = {
  HEAD: "HeadBucket",
  PUT: "CreateBucket",
  DELETE: "DeleteBucket",
  GET: "ListObjects",
};

const S3_OBJECT: Readonly<Record<string, string>> = {
  GET: "GetObject",
  HEAD: "HeadObject",
  PUT: "PutObject",
  DELETE: "DeleteObject",
};

/** Bucket and key of a path-style S3 request (`/<bucket>/<key>`). */
export function s3Target(path: string): { bucket: string; key?: string } {
  const [bucket = "", ...rest] = path.replace(/^\//, "").split("/");
  return rest.length && rest.join("/") !== "" ? { bucket, key: rest.join("/") } : { bucket };
}

function s3Operation(method: string, path: string, query: Readonly<Record<string, string>>): string {
  const { bucket, key } = s3Target(path);
  if (!bucket) return method === "GET" ? "ListBuckets" : `Unknown S3 ${method} /`;
  if (key !== undefined) return S3_OBJECT[method] ?? `Unknown S3 object ${method}`;
  for (const name of Object.keys(query)) {
    const operation = S3_BUCKET_SUBRESOURCES[`${method} ${name}`];
    if (operation) return operation;
  }
  if (method === "GET" && query["list-type"] === "2") return "ListObjectsV2";
  const unknownSubresource = Object.keys(query).find(
    (name) => !["x-id", "max-keys", "prefix"].includes(name),
  );
  if (unknownSubresource) return `Unknown S3 ${method} ?${unknownSubresource}`;
  return S3_BUCKET_PLAIN[method] ?? `Unknown S3 ${method}`;
}

/** The SDK operation a request invokes, read from the wire. */
export function operationOf(
  service: string,
  method: string,
  path: string,
  query: Readonly<Record<string, string>>,
  headers: IncomingHttpHeaders,
  body: string,
): string {
  const target = headers["x-amz-target"];
  if (typeof target === "string") return target.slice(target.lastIndexOf(".") + 1);
  if (service === "s3") return s3Operation(method, path, query);
  const action = formParams(body).Action ?? query.Action;
  return action ?? `Unknown ${service} ${method} ${path}`;
}
