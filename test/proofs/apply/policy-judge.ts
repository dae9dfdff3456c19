import type { ConcretePolicy } from "../../../lib/policy/render-concrete";
import { defaultKeyPolicy, simulate } from "../../support/simulate";
import type { IamRequest } from "./iam-requests";

/**
 * Judges IAM requests with @cloud-copilot/iam-simulate (Strict mode) against a deploy policy set
 * (one profile's policy alone, or the split union of every profile), as AWS would for a principal
 * of that account. KMS requests are evaluated with AWS's default key policy, which delegates to the
 * account's IAM policies (the state key's own policy delegates the same way).
 */
export interface PolicySet {
  /** e.g. `state_backend` or `union (split)`. */
  readonly label: string;
  readonly account: string;
  readonly policies: readonly ConcretePolicy[];
  /**
   * Calls (`<service>:<operation>`) of resources the root has outside the profile (an example's
   * own network): relayed and recorded but not judged, and counted apart in the summary.
   */
  readonly outside?: {
    readonly pattern: RegExp;
    /** Also outside: a call whose every IAM request is on a resource matching this. */
    readonly resources?: RegExp;
    readonly reason: string;
  };
}

export const isOutside = (
  set: PolicySet,
  service: string,
  operation: string,
  requests: readonly IamRequest[] = [],
): boolean => {
  if (!set.outside) return false;
  if (set.outside.pattern.test(`${service}:${operation}`)) return true;
  const resources = set.outside.resources;
  return resources !== undefined && requests.length > 0 && requests.every((r) => resources.test(r.resource));
};

export const deployerOf = (account: string): string => `arn:aws:iam::${account}:role/proof-deployer`;

/** Does the policy set allow the request? Throws when iam-simulate finds the request malformed. */
export async function allows(set: PolicySet, request: IamRequest): Promise<boolean> {
  const decision = await simulate({
    identityPolicies: set.policies,
    ...(request.kmsKey ? { resourcePolicy: defaultKeyPolicy(set.account) } : {}),
    request: {
      action: request.action,
      resource: request.resource,
      principal: deployerOf(set.account),
      resourceAccount: set.account,
      context: request.context,
    },
  });
  return decision === "Allowed";
}

/** The requests of a call the set denies (empty: the call is allowed). */
export async function deniedOf(set: PolicySet, requests: readonly IamRequest[]): Promise<IamRequest[]> {
  const denied: IamRequest[] = [];
  for (const request of requests) if (!(await allows(set, request))) denied.push(request);
  return denied;
}

export const describeRequest = (request: IamRequest): string =>
  `${request.action} on ${request.resource}${Object.keys(request.context).length ? ` ${JSON.stringify(request.context)}` : ""}`;
