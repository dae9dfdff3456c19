import type { ConcretePolicy } from "../../lib/policy/render-concrete";
import { SAMPLE_ACCOUNT, simulate } from "../support/simulate";
import { DELEGATING_KEY_POLICY } from "../simulation/state-access-fixtures";
import type { Authorization, AwsCall, Role } from "./aws-call";
import { authorizationsFor, type AuthorizationSettings } from "./authorizations";
import type { Judge } from "./loopback-aws";

/** The principal of each role (what the policy is attached to). */
export const ROLE_PRINCIPALS: Readonly<Record<Role, string>> = {
  runtime: `arn:aws:iam::${SAMPLE_ACCOUNT}:role/terraform-runtime`,
  "read-only": `arn:aws:iam::${SAMPLE_ACCOUNT}:role/terraform-plan`,
};

/**
 * Judges each call against the policy of the role that signed it, with iam-simulate in Strict mode
 * (an unknown context key is an error, not a silent deny). KMS authorizations are evaluated with the
 * delegating key policy AWS creates by default (the state-backend key policy delegates the same way).
 * A call by an unknown access key is denied: every command must run as one of the two roles.
 */
export class PolicyJudge implements Judge {
  constructor(
    private readonly policies: Readonly<Record<Role, ConcretePolicy>>,
    private readonly settings: AuthorizationSettings,
  ) {}

  async judge(call: AwsCall): Promise<{ authorizations: Authorization[]; denied: Authorization[] }> {
    const authorizations = authorizationsFor(call, this.settings);
    const role = call.role;
    if (!role) {
      const unknown: Authorization = {
        action: "unknown-role",
        resource: "*",
        context: {},
        why: "unknown access key",
      };
      return { authorizations, denied: [unknown] };
    }
    const denied: Authorization[] = [];
    for (const authorization of authorizations) {
      const decision = await simulate({
        identityPolicies: [this.policies[role]],
        ...(authorization.resourcePolicy === "kms-key" ? { resourcePolicy: DELEGATING_KEY_POLICY } : {}),
        request: {
          action: authorization.action,
          resource: authorization.resource,
          principal: ROLE_PRINCIPALS[role],
          context: authorization.context,
        },
      });
      if (decision !== "Allowed") denied.push(authorization);
    }
    return { authorizations, denied };
  }
}
