import type { CallFacts, LoopbackService, ServiceRequest, ServiceResponse } from "./service";

/**
 * STS GetCallerIdentity (query protocol), which the backend calls to validate its credentials and
 * learn the account. AWS answers it for any valid credentials, so it is never denied.
 */
export class StsService implements LoopbackService {
  constructor(private readonly accountId: string) {}

  describe(request: ServiceRequest): CallFacts {
    const form = new URLSearchParams(request.body.toString("utf8"));
    return {
      operation: form.get("Action") ?? request.url.searchParams.get("Action") ?? "Unsupported STS call",
    };
  }

  accessDenied(): ServiceResponse {
    throw new Error("sts:GetCallerIdentity needs no permission and is never denied");
  }

  handle(_request: ServiceRequest, facts: CallFacts): ServiceResponse {
    if (facts.operation !== "GetCallerIdentity") {
      return {
        status: 400,
        body: `<ErrorResponse><Error><Code>InvalidAction</Code></Error></ErrorResponse>`,
      };
    }
    const body =
      `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult>` +
      `<Arn>arn:aws:sts::${this.accountId}:assumed-role/terraform/backend-proof</Arn>` +
      `<UserId>AROAEXAMPLE:backend-proof</UserId><Account>${this.accountId}</Account>` +
      `</GetCallerIdentityResult><ResponseMetadata><RequestId>00000000-0000-0000-0000-000000000000</RequestId>` +
      `</ResponseMetadata></GetCallerIdentityResponse>`;
    return { status: 200, headers: { "content-type": "text/xml" }, body };
  }
}
