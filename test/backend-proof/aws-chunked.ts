/**
 * Decodes an `aws-chunked` request body (SigV4 streaming upload): `<hex size>[;chunk-signature=..]`
 * CRLF, data, CRLF, ..., a zero-size chunk, then optional trailers (`x-amz-checksum-*`). The AWS
 * SDK sends it when it streams a body with a trailing checksum; S3 stores only the data.
 */
export function decodeAwsChunked(body: Buffer): Buffer {
  const parts: Buffer[] = [];
  let offset = 0;
  for (;;) {
    const lineEnd = body.indexOf("\r\n", offset);
    if (lineEnd < 0) throw new Error("aws-chunked body: missing chunk header");
    const size = parseInt(body.subarray(offset, lineEnd).toString("latin1").split(";")[0] ?? "", 16);
    if (!Number.isFinite(size)) throw new Error("aws-chunked body: bad chunk size");
    offset = lineEnd + 2;
    if (size === 0) return Buffer.concat(parts);
    parts.push(body.subarray(offset, offset + size));
    offset += size + 2;
  }
}

/** Whether a request body is aws-chunked (by its content encoding or streaming payload hash). */
export function isAwsChunked(headers: Readonly<Record<string, string | string[] | undefined>>): boolean {
  const encoding = String(headers["content-encoding"] ?? "");
  const payload = String(headers["x-amz-content-sha256"] ?? "");
  return (
    encoding.split(",").some((part) => part.trim() === "aws-chunked") || payload.startsWith("STREAMING-")
  );
}
