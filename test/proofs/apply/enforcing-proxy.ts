import { createServer, request as httpRequest, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { iamRequestsFor, learnFrom, type IamRequest } from "./iam-requests";
import { deniedOf, isOutside, type PolicySet } from "./policy-judge";
import { ResourceState } from "./resource-state";
import { credentialScope, operationOf, type WireCall } from "./wire-call";

/**
 * A proxy on 127.0.0.1 in front of moto. Every request is read (operation, credential scope, full
 * body), mapped to the IAM requests AWS would authorize and judged against the policy set bound to
 * its access key. Record mode relays every call (the verdict is kept for the report); enforce mode
 * answers AccessDenied, in the service's own wire format, to a call the set denies, as AWS would.
 * Calls signed by an access key with no policy set bound (the proof's own set-up) are relayed
 * unjudged.
 */
export interface ProxiedCall {
  readonly wire: WireCall;
  /** The IAM requests of the call; empty when it could not be mapped (see `unmapped`). */
  readonly requests: readonly IamRequest[];
  readonly unmapped?: string;
  /** A call of the root's resources outside the profile (relayed, not judged). */
  readonly outside?: boolean;
  /** Requests the bound set denies. */
  readonly denied: readonly IamRequest[];
  /** Label of the bound set (the access key's). */
  readonly label: string;
  /** HTTP status answered. */
  status: number;
}

export class EnforcingProxy {
  readonly calls: ProxiedCall[] = [];
  private readonly bindings = new Map<string, PolicySet>();
  private readonly state = new ResourceState();
  private readonly steps = new Map<string, string>();
  private server: Server | undefined;
  private seq = 0;

  constructor(
    private readonly upstream: string,
    readonly enforce: boolean,
  ) {}

  /** Judges (and, enforcing, limits) every call signed with `accessKey` by `set`. */
  bind(accessKey: string, set: PolicySet): void {
    this.bindings.set(accessKey, set);
  }

  /** Tags the calls of an access key with the life-cycle step now running. */
  setStep(accessKey: string, step: string): void {
    this.steps.set(accessKey, step);
  }

  async start(): Promise<string> {
    const server = createServer((req, res) => {
      this.serve(req)
        .then(({ status, headers, body }) => {
          res.writeHead(status, headers);
          res.end(body);
        })
        .catch((error: unknown) => {
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

  private async serve(req: IncomingMessage): Promise<Answer> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const scope = credentialScope(req.headers.authorization);
    const query = Object.fromEntries(url.searchParams);
    const body = raw.toString("utf8");
    const path = decodeURIComponent(url.pathname);
    const wire: WireCall = {
      seq: ++this.seq,
      step: this.steps.get(scope.accessKey) ?? "",
      accessKey: scope.accessKey,
      service: scope.service,
      region: scope.region,
      operation: operationOf(scope.service, req.method ?? "GET", path, query, req.headers, body),
      method: req.method ?? "GET",
      path,
      query,
      headers: req.headers,
      body,
      invocationId: String(req.headers["amz-sdk-invocation-id"] ?? ""),
    };
    const set = this.bindings.get(scope.accessKey);
    if (!set) return relay(this.upstream, req, raw);
    if (isOutside(set, wire.service, wire.operation)) {
      const answer = await relay(this.upstream, req, raw);
      this.calls.push({
        wire,
        requests: [],
        denied: [],
        label: set.label,
        status: answer.status,
        outside: true,
      });
      return answer;
    }
    const mapped = { ...wire, account: set.account };
    let requests: IamRequest[] = [];
    let unmapped: string | undefined;
    try {
      requests = iamRequestsFor(mapped, this.state);
    } catch (error) {
      unmapped = error instanceof Error ? error.message : String(error);
    }
    if (!unmapped && isOutside(set, wire.service, wire.operation, requests)) {
      const answer = await relay(this.upstream, req, raw);
      this.calls.push({ wire, requests, denied: [], label: set.label, status: answer.status, outside: true });
      learnFrom(mapped, answer.status, answer.body.toString("utf8"), this.state);
      return answer;
    }
    let denied: IamRequest[] = [];
    try {
      if (!unmapped) denied = await deniedOf(set, requests);
    } catch (error) {
      // iam-simulate found the mapped request malformed: a mapping defect, reported as unmapped.
      unmapped = error instanceof Error ? error.message : String(error);
    }
    const call: ProxiedCall = {
      wire,
      requests,
      denied,
      label: set.label,
      status: 0,
      ...(unmapped ? { unmapped } : {}),
    };
    this.calls.push(call);
    const answer =
      this.enforce && (denied.length > 0 || unmapped)
        ? accessDenied(wire)
        : await relay(this.upstream, req, raw);
    call.status = answer.status;
    learnFrom(mapped, answer.status, answer.body.toString("utf8"), this.state);
    return answer;
  }
}

interface Answer {
  readonly status: number;
  readonly headers: Record<string, string | string[]>;
  readonly body: Buffer;
}

function relay(upstream: string, req: IncomingMessage, body: Buffer): Promise<Answer> {
  const target = new URL(req.url ?? "/", upstream);
  return new Promise((resolve, reject) => {
    const out = httpRequest(
      target,
      { method: req.method, headers: { ...req.headers, host: target.host } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => {
          const headers: Record<string, string | string[]> = {};
          for (const [name, value] of Object.entries(response.headers))
            if (value !== undefined && name !== "transfer-encoding" && name !== "connection")
              headers[name] = value;
          const payload = Buffer.concat(chunks);
          if (req.method !== "HEAD") headers["content-length"] = String(payload.length);
          resolve({ status: response.statusCode ?? 502, headers, body: payload });
        });
        response.on("error", reject);
      },
    );
    out.on("error", reject);
    out.end(body);
  });
}

/** AccessDenied as the service answers it: REST-XML (S3), JSON (X-Amz-Target), query XML (EC2's own). */
function accessDenied(wire: WireCall): Answer {
  const message = `User: proof-deployer is not authorized to perform: ${wire.service}:${wire.operation} (denied by the proof's policy)`;
  const xml = (text: string) => ({
    status: 403,
    headers: { "content-type": "text/xml" },
    body: Buffer.from(text),
  });
  if (wire.service === "s3")
    return xml(
      `<?xml version="1.0" encoding="UTF-8"?><Error><Code>AccessDenied</Code><Message>${message}</Message><RequestId>proof</RequestId></Error>`,
    );
  if (typeof wire.headers["x-amz-target"] === "string")
    return {
      status: 400,
      headers: { "content-type": "application/x-amz-json-1.1" },
      body: Buffer.from(JSON.stringify({ __type: "AccessDeniedException", message })),
    };
  if (wire.service === "ec2")
    return xml(
      `<Response><Errors><Error><Code>UnauthorizedOperation</Code><Message>${message}</Message></Error></Errors><RequestID>proof</RequestID></Response>`,
    );
  return xml(
    `<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>${message}</Message></Error><RequestId>proof</RequestId></ErrorResponse>`,
  );
}
