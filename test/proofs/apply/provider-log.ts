/**
 * The provider's own account of the AWS calls it made: `HTTP Request Sent` entries of a
 * `TF_LOG=debug TF_LOG_PATH=...` log. An entry can span several lines (its request body is printed
 * as `| ` lines, and fields continue after it), and its fields come in any order; one entry is one
 * attempt of one SDK operation.
 */
export interface LoggedCall {
  /** rpc.service as the SDK names it (`S3`, `KMS`, `DynamoDB`, `IAM`, `STS`). */
  readonly service: string;
  /** rpc.method: the SDK operation (`CreateBucket`, `PutPublicAccessBlock`). */
  readonly operation: string;
  /** Signing service of the credential scope (`s3`, `kms`, ...). */
  readonly signingService: string;
  readonly region: string;
  /** amz-sdk-invocation-id: shared by retries of one operation. */
  readonly invocationId: string;
  /** Joins the call with the Terraform RPC (ApplyResourceChange, ReadResource, ...) that made it. */
  readonly tfReqId: string;
  readonly tfRpc: string;
  /** The resource or data source type that made it (absent for provider configuration). */
  readonly resourceType: string;
  /** Request body as logged (may be truncated by the provider). */
  readonly body: string;
  readonly url: string;
  readonly method: string;
}

const ENTRY_START = /^\d{4}-\d\d-\d\dT[\d:.]+[+-Z\d:]*\s+\[/;
/** `key=value` or `key="value with \"escapes\""`. */
const FIELD = /([A-Za-z_][\w.@]*)=("(?:[^"\\]|\\.)*"|\S*)/g;

function entries(text: string): string[] {
  const out: string[] = [];
  let current: string[] = [];
  for (const line of text.split("\n")) {
    if (ENTRY_START.test(line) && current.length) {
      out.push(current.join("\n"));
      current = [];
    }
    current.push(line);
  }
  if (current.length) out.push(current.join("\n"));
  return out;
}

function fieldsOf(entry: string): { fields: Record<string, string>; body: string } {
  const bodyLines: string[] = [];
  const fieldText: string[] = [];
  for (const line of entry.split("\n")) {
    if (/^\s+\| /.test(line) || /^\s+\|$/.test(line)) bodyLines.push(line.replace(/^\s+\| ?/, ""));
    else fieldText.push(line);
  }
  const fields: Record<string, string> = {};
  const text = fieldText.join(" ").replace(/^.*?HTTP Request Sent:/, "");
  for (const match of text.matchAll(FIELD)) {
    const raw = match[2] ?? "";
    fields[match[1] ?? ""] = raw.startsWith('"') ? (JSON.parse(raw) as string) : raw;
  }
  return { fields, body: bodyLines.join("\n") };
}

/** Every AWS request the provider logged, in log order. */
export function parseProviderLog(text: string): LoggedCall[] {
  const calls: LoggedCall[] = [];
  for (const entry of entries(text)) {
    if (!entry.includes("HTTP Request Sent:")) continue;
    const { fields, body } = fieldsOf(entry);
    const scope = /Credential=[^/]+\/[^/]+\/([^/]+)\/([^/]+)\/aws4_request/.exec(
      fields["http.request.header.authorization"] ?? "",
    );
    calls.push({
      service: fields["rpc.service"] ?? "",
      operation: fields["rpc.method"] ?? "",
      signingService: scope?.[2] ?? "",
      region: scope?.[1] ?? fields["aws.region"] ?? "",
      invocationId: fields["http.request.header.amz_sdk_invocation_id"] ?? "",
      tfReqId: fields.tf_req_id ?? "",
      tfRpc: fields.tf_rpc ?? "",
      resourceType: fields.tf_resource_type ?? fields.tf_data_source_type ?? "",
      body,
      url: fields["http.url"] ?? "",
      method: fields["http.method"] ?? "",
    });
  }
  return calls;
}
