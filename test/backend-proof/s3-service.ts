import { createHash, randomUUID } from "node:crypto";
import type { Encryption } from "./aws-call";
import { decodeAwsChunked, isAwsChunked } from "./aws-chunked";
import type { CallFacts, LoopbackService, ServiceRequest, ServiceResponse } from "./service";

/**
 * The minimum of S3 that Terraform's S3 backend uses, path-style, in memory: ListObjectsV2
 * (prefix, delimiter, continuation), HeadObject, GetObject (incl. `Range`), PutObject (incl.
 * `If-None-Match: *` -> 412), DeleteObject and multipart create/upload/complete/abort. Anything
 * else is answered 501 and named, so an unexpected call fails the proof instead of passing unseen.
 */

interface StoredObject {
  readonly body: Buffer;
  readonly etag: string;
  readonly encryption: Encryption;
  readonly lastModified: Date;
}

interface Upload {
  readonly bucket: string;
  readonly key: string;
  readonly encryption: Encryption;
  readonly parts: Map<number, Buffer>;
}

const XML_HEADER = '<?xml version="1.0" encoding="UTF-8"?>\n';
const NS = 'xmlns="http://s3.amazonaws.com/doc/2006-03-01/"';

const xmlEscape = (text: string): string =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

function xml(status: number, body: string, headers: Record<string, string> = {}): ServiceResponse {
  return { status, headers: { "content-type": "application/xml", ...headers }, body: XML_HEADER + body };
}

function s3Error(status: number, code: string, message: string): ServiceResponse {
  return xml(status, `<Error><Code>${code}</Code><Message>${xmlEscape(message)}</Message></Error>`);
}

function header(request: ServiceRequest, name: string): string | undefined {
  const value = request.headers[name];
  return typeof value === "string" ? value : undefined;
}

export class S3Service implements LoopbackService {
  private readonly objects = new Map<string, Map<string, StoredObject>>();
  private readonly uploads = new Map<string, Upload>();

  /** @param buckets bucket name -> its default encryption (what S3 applies without SSE headers). */
  constructor(private readonly buckets: ReadonlyMap<string, Encryption>) {
    for (const name of buckets.keys()) this.objects.set(name, new Map());
  }

  /** Objects of a bucket (for test assertions): key -> size. */
  listing(bucket: string): Map<string, number> {
    return new Map(
      [...(this.objects.get(bucket) ?? new Map<string, StoredObject>())].map(([k, o]) => [k, o.body.length]),
    );
  }

  describe(request: ServiceRequest): CallFacts {
    const [, bucket = "", ...rest] = request.url.pathname.split("/");
    const key = rest.map(decodeURIComponent).join("/");
    const q = request.url.searchParams;
    const method = request.method;
    const operation = operationOf(method, key, q, request);
    const base = { operation, bucket: decodeURIComponent(bucket), ...(key ? { key } : {}) };
    const stored = this.objects.get(base.bucket)?.get(key);
    switch (operation) {
      case "GetObject":
      case "HeadObject":
        return {
          ...base,
          objectExists: stored !== undefined,
          ...(stored ? { storedEncryption: stored.encryption } : {}),
        };
      case "PutObject":
      case "CreateMultipartUpload":
        return { ...base, writeEncryption: this.writeEncryption(base.bucket, request) };
      case "UploadPart":
      case "CompleteMultipartUpload":
      case "AbortMultipartUpload": {
        const upload = this.uploads.get(q.get("uploadId") ?? "");
        return {
          ...base,
          objectExists: upload !== undefined,
          ...(upload ? { storedEncryption: upload.encryption } : {}),
        };
      }
      default:
        return base;
    }
  }

  accessDenied(): ServiceResponse {
    return s3Error(403, "AccessDenied", "Access Denied");
  }

  handle(request: ServiceRequest, facts: CallFacts): ServiceResponse {
    const bucket = facts.bucket ?? "";
    const objects = this.objects.get(bucket);
    if (!objects) return s3Error(404, "NoSuchBucket", "The specified bucket does not exist");
    const key = facts.key ?? "";
    const q = request.url.searchParams;
    switch (facts.operation) {
      case "ListObjectsV2":
        return this.list(bucket, objects, q);
      case "HeadObject":
      case "GetObject":
        return this.read(objects.get(key), request, facts.operation === "HeadObject");
      case "PutObject": {
        if (header(request, "if-none-match") === "*" && objects.has(key)) {
          return s3Error(
            412,
            "PreconditionFailed",
            "At least one of the pre-conditions you specified did not hold",
          );
        }
        const stored = store(
          objects,
          key,
          this.body(request),
          facts.writeEncryption ?? { algorithm: "AES256" },
        );
        return { status: 200, headers: { etag: stored.etag, ...encryptionHeaders(stored.encryption) } };
      }
      case "DeleteObject":
        objects.delete(key);
        return { status: 204 };
      case "CreateMultipartUpload": {
        const uploadId = randomUUID();
        const encryption = facts.writeEncryption ?? { algorithm: "AES256" };
        this.uploads.set(uploadId, { bucket, key, encryption, parts: new Map() });
        return xml(
          200,
          `<InitiateMultipartUploadResult ${NS}><Bucket>${xmlEscape(bucket)}</Bucket><Key>${xmlEscape(key)}</Key><UploadId>${uploadId}</UploadId></InitiateMultipartUploadResult>`,
          encryptionHeaders(encryption),
        );
      }
      case "UploadPart": {
        const upload = this.uploads.get(q.get("uploadId") ?? "");
        if (!upload) return s3Error(404, "NoSuchUpload", "The specified upload does not exist");
        const part = this.body(request);
        upload.parts.set(Number(q.get("partNumber")), part);
        return { status: 200, headers: { etag: md5Etag(part) } };
      }
      case "CompleteMultipartUpload": {
        const uploadId = q.get("uploadId") ?? "";
        const upload = this.uploads.get(uploadId);
        if (!upload) return s3Error(404, "NoSuchUpload", "The specified upload does not exist");
        if (header(request, "if-none-match") === "*" && objects.has(key)) {
          return s3Error(
            412,
            "PreconditionFailed",
            "At least one of the pre-conditions you specified did not hold",
          );
        }
        const numbers = [...request.body.toString("utf8").matchAll(/<PartNumber>(\d+)<\/PartNumber>/g)].map(
          (m) => Number(m[1]),
        );
        const missing = numbers.filter((n) => !upload.parts.has(n));
        if (missing.length) return s3Error(400, "InvalidPart", `missing part(s) ${missing.join(", ")}`);
        const body = Buffer.concat(numbers.map((n) => upload.parts.get(n) as Buffer));
        const stored = store(objects, key, body, upload.encryption);
        this.uploads.delete(uploadId);
        return xml(
          200,
          `<CompleteMultipartUploadResult ${NS}><Bucket>${xmlEscape(bucket)}</Bucket><Key>${xmlEscape(key)}</Key><ETag>${xmlEscape(stored.etag)}</ETag></CompleteMultipartUploadResult>`,
          encryptionHeaders(stored.encryption),
        );
      }
      case "AbortMultipartUpload":
        this.uploads.delete(q.get("uploadId") ?? "");
        return { status: 204 };
      default:
        return s3Error(501, "NotImplemented", `loopback S3 does not implement ${facts.operation}`);
    }
  }

  /** The encryption S3 applies to a write: the request's SSE headers, else the bucket default. */
  private writeEncryption(bucket: string, request: ServiceRequest): Encryption {
    const sse = header(request, "x-amz-server-side-encryption");
    const keyId = header(request, "x-amz-server-side-encryption-aws-kms-key-id");
    if (sse === "aws:kms") {
      const fallback = this.buckets.get(bucket)?.kmsKeyArn;
      const kmsKeyArn = keyId ?? fallback;
      return kmsKeyArn ? { algorithm: "aws:kms", kmsKeyArn } : { algorithm: "aws:kms" };
    }
    if (sse === "AES256") return { algorithm: "AES256" };
    return this.buckets.get(bucket) ?? { algorithm: "AES256" };
  }

  private body(request: ServiceRequest): Buffer {
    return isAwsChunked(request.headers) ? decodeAwsChunked(request.body) : request.body;
  }

  private list(bucket: string, objects: Map<string, StoredObject>, q: URLSearchParams): ServiceResponse {
    const prefix = q.get("prefix") ?? "";
    const delimiter = q.get("delimiter") ?? "";
    const maxKeys = Number(q.get("max-keys") ?? "1000");
    const after = q.get("continuation-token") ?? q.get("start-after") ?? "";
    const keys = [...objects.keys()].filter((k) => k.startsWith(prefix) && k > after).sort();
    const contents: string[] = [];
    const prefixes = new Set<string>();
    let last = "";
    let truncated = false;
    for (const key of keys) {
      if (contents.length + prefixes.size >= maxKeys) {
        truncated = true;
        break;
      }
      const cut = delimiter ? key.indexOf(delimiter, prefix.length) : -1;
      if (cut >= 0) prefixes.add(key.slice(0, cut + delimiter.length));
      else {
        const o = objects.get(key) as StoredObject;
        contents.push(
          `<Contents><Key>${xmlEscape(key)}</Key><LastModified>${o.lastModified.toISOString()}</LastModified><ETag>${xmlEscape(o.etag)}</ETag><Size>${o.body.length}</Size><StorageClass>STANDARD</StorageClass></Contents>`,
        );
      }
      last = key;
    }
    const common = [...prefixes].map(
      (p) => `<CommonPrefixes><Prefix>${xmlEscape(p)}</Prefix></CommonPrefixes>`,
    );
    return xml(
      200,
      `<ListBucketResult ${NS}><Name>${xmlEscape(bucket)}</Name><Prefix>${xmlEscape(prefix)}</Prefix>` +
        (delimiter ? `<Delimiter>${xmlEscape(delimiter)}</Delimiter>` : "") +
        `<MaxKeys>${maxKeys}</MaxKeys><KeyCount>${contents.length + common.length}</KeyCount><IsTruncated>${truncated}</IsTruncated>` +
        (truncated ? `<NextContinuationToken>${xmlEscape(last)}</NextContinuationToken>` : "") +
        contents.join("") +
        common.join("") +
        `</ListBucketResult>`,
    );
  }

  private read(
    object: StoredObject | undefined,
    request: ServiceRequest,
    headOnly: boolean,
  ): ServiceResponse {
    if (!object) {
      return headOnly ? { status: 404 } : s3Error(404, "NoSuchKey", "The specified key does not exist.");
    }
    const common = {
      etag: object.etag,
      "last-modified": object.lastModified.toUTCString(),
      "content-type": "application/octet-stream",
      "accept-ranges": "bytes",
      ...encryptionHeaders(object.encryption),
    };
    const range = /^bytes=(\d+)-(\d*)$/.exec(header(request, "range") ?? "");
    if (range) {
      const total = object.body.length;
      const start = Number(range[1]);
      const end = Math.min(range[2] ? Number(range[2]) : total - 1, total - 1);
      if (start >= total && total > 0)
        return s3Error(416, "InvalidRange", "The requested range is not satisfiable");
      const slice = object.body.subarray(start, end + 1);
      return {
        status: 206,
        headers: {
          ...common,
          "content-range": `bytes ${start}-${end}/${total}`,
          "content-length": String(slice.length),
        },
        body: headOnly ? undefined : slice,
      };
    }
    return {
      status: 200,
      headers: { ...common, "content-length": String(object.body.length) },
      body: headOnly ? undefined : object.body,
    };
  }
}

function operationOf(method: string, key: string, q: URLSearchParams, request: ServiceRequest): string {
  if (!key) {
    if (method === "GET" && q.get("list-type") === "2") return "ListObjectsV2";
    return `Unsupported ${method} bucket ?${[...q.keys()].join("&")}`;
  }
  if (method === "POST" && q.has("uploads")) return "CreateMultipartUpload";
  if (q.has("uploadId")) {
    if (method === "PUT" && q.has("partNumber")) return "UploadPart";
    if (method === "POST") return "CompleteMultipartUpload";
    if (method === "DELETE") return "AbortMultipartUpload";
    if (method === "GET") return "ListParts";
  }
  if ([...q.keys()].length > 0 && !q.has("x-id"))
    return `Unsupported ${method} object ?${[...q.keys()].join("&")}`;
  if (method === "PUT" && header(request, "x-amz-copy-source")) return "CopyObject";
  const simple: Record<string, string> = {
    GET: "GetObject",
    HEAD: "HeadObject",
    PUT: "PutObject",
    DELETE: "DeleteObject",
  };
  return simple[method] ?? `Unsupported ${method} object`;
}

function md5Etag(body: Buffer): string {
  return `"${createHash("md5").update(body).digest("hex")}"`;
}

function store(
  objects: Map<string, StoredObject>,
  key: string,
  body: Buffer,
  encryption: Encryption,
): StoredObject {
  const stored = { body, etag: md5Etag(body), encryption, lastModified: new Date() };
  objects.set(key, stored);
  return stored;
}

function encryptionHeaders(encryption: Encryption): Record<string, string> {
  return {
    "x-amz-server-side-encryption": encryption.algorithm,
    ...(encryption.kmsKeyArn ? { "x-amz-server-side-encryption-aws-kms-key-id": encryption.kmsKeyArn } : {}),
  };
}
