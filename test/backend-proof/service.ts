import type { IncomingHttpHeaders } from "node:http";
import type { AwsCall } from "./aws-call";

/** One HTTP request as a loopback service sees it (body read in full). */
export interface ServiceRequest {
  readonly method: string;
  readonly url: URL;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

export interface ServiceResponse {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string | Buffer;
}

/** The facts of a call a service adds to what the endpoint knows (operation, resource, state). */
export type CallFacts = Pick<
  AwsCall,
  | "operation"
  | "bucket"
  | "key"
  | "table"
  | "leadingKeys"
  | "objectExists"
  | "storedEncryption"
  | "writeEncryption"
>;

/** A loopback AWS service: describe a request before deciding, answer it or refuse it. */
export interface LoopbackService {
  describe(request: ServiceRequest): CallFacts;
  handle(request: ServiceRequest, facts: CallFacts): ServiceResponse;
  /** The AccessDenied answer in the service's wire format. */
  accessDenied(facts: CallFacts): ServiceResponse;
}
