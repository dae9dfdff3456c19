import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Authorization, AwsCall, JudgedCall, Role } from "./aws-call";
import type { LoopbackService, ServiceRequest, ServiceResponse } from "./service";

/**
 * A loopback AWS endpoint (127.0.0.1, random port) for Terraform's S3 backend. Every request is
 * logged with its headers, turned into the authorizations AWS would make, judged against the
 * signing role's policy, and then either answered (record phase: always; enforce phase: only when
 * allowed) or refused with the service's AccessDenied, as AWS would.
 *
 * The service is taken from the SigV4 credential scope (`.../<region>/<service>/aws4_request`), the
 * role from the access key id, so one endpoint serves S3, DynamoDB and STS for both roles.
 */

export interface Judge {
  /** The authorizations a call needs and those of them the role's policy denies. */
  judge(call: AwsCall): Promise<{ authorizations: Authorization[]; denied: Authorization[] }>;
}

export interface LoopbackAwsOptions {
  readonly services: Readonly<Record<"s3" | "dynamodb" | "sts", LoopbackService>>;
  /** Access key id -> role. */
  readonly roles: Readonly<Record<string, Role>>;
  readonly judge: Judge;
  /** Refuse what the policy denies (enforce phase) instead of only recording it. */
  enforce: boolean;
}

export class LoopbackAws {
  readonly calls: JudgedCall[] = [];
  /** The lifecycle step now running; every call is tagged with it. */
  step = "";
  private server: Server | undefined;
  private seq = 0;

  constructor(readonly options: LoopbackAwsOptions) {}

  /** Starts listening on 127.0.0.1 and returns the endpoint URL. */
  async start(): Promise<string> {
    const server = createServer((req, res) => {
      this.serve(req, res).catch((error: unknown) => {
        res.writeHead(500, { "content-type": "text/plain" });
        res.end(String(error));
      });
    });
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    this.server = undefined;
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const request: ServiceRequest = {
      method: req.method ?? "GET",
      url: new URL(req.url ?? "/", "http://127.0.0.1"),
      headers: req.headers,
      body: Buffer.concat(chunks),
    };
    const scope = /Credential=([^/]+)\/[^/]+\/[^/]+\/([^/]+)\/aws4_request/.exec(
      String(req.headers.authorization),
    );
    const accessKey = scope?.[1] ?? "";
    const serviceName = scope?.[2] ?? "";
    const service =
      serviceName === "s3" || serviceName === "dynamodb" || serviceName === "sts" ? serviceName : undefined;
    const facts = service
      ? this.options.services[service].describe(request)
      : { operation: `Unsupported service '${serviceName}'` };
    const call: AwsCall = {
      seq: ++this.seq,
      step: this.step,
      role: this.options.roles[accessKey],
      service: service ?? "unknown",
      method: request.method,
      url: req.url ?? "/",
      headers: req.headers,
      query: Object.fromEntries(request.url.searchParams),
      ...facts,
    };
    let judged: JudgedCall;
    try {
      const { authorizations, denied } = await this.options.judge.judge(call);
      judged = { call, authorizations, denied, status: 0 };
    } catch (error) {
      // An unmapped call is denied with its reason, so the proof fails and names it.
      const reason: Authorization = { action: "unmapped", resource: "*", context: {}, why: String(error) };
      judged = { call, authorizations: [reason], denied: [reason], status: 0 };
    }
    this.calls.push(judged);
    let response: ServiceResponse;
    if (!service) response = { status: 400, body: `unsupported service '${serviceName}'` };
    else if (this.options.enforce && judged.denied.length > 0)
      response = this.options.services[service].accessDenied(facts);
    else response = this.options.services[service].handle(request, facts);
    judged.status = response.status;
    const body = response.body === undefined ? undefined : Buffer.from(response.body);
    const headers: Record<string, string> = { "x-amz-request-id": String(call.seq), ...response.headers };
    if (body && !("content-length" in headers)) headers["content-length"] = String(body.length);
    res.writeHead(response.status, headers);
    res.end(request.method === "HEAD" ? undefined : body);
  }
}

/** One line per call, for failure messages and the optional log file. */
export function describeCall(judged: JudgedCall): string {
  const { call } = judged;
  const target = call.key !== undefined ? `${call.bucket}/${call.key}` : (call.bucket ?? call.table ?? "");
  const verdict = judged.denied.length
    ? `DENIED ${judged.denied.map((a) => `${a.action} on ${a.resource} ${JSON.stringify(a.context)} (${a.why})`).join("; ")}`
    : "allowed";
  return `#${call.seq} [${call.step}] ${call.role ?? "unknown-role"} ${call.service}:${call.operation} ${target} ${call.leadingKeys ? JSON.stringify(call.leadingKeys) : ""} -> ${judged.status} ${verdict}`;
}
