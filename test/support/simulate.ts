import { runSimulation, type Simulation } from "@cloud-copilot/iam-simulate";
import type { ConcretePolicy } from "../../lib/policy/render-concrete";

/**
 * A small harness around @cloud-copilot/iam-simulate (AGPL: tests only) for allow/deny tables.
 *
 * Usage:
 *   const decision = await simulate({
 *     identityPolicies: [runtimePolicy],
 *     resourcePolicy: bucketPolicy,            // optional: bucket or key policy
 *     request: { action: "s3:GetObject", resource: "arn:aws:s3:::b/tz/v1/x", context: {...} },
 *   });
 *   expect(decision).toBe("Allowed");
 *
 * The simulation runs in Strict mode: a condition key not given in `context` is absent, exactly as
 * in AWS. `aws:SecureTransport: "true"` is added unless the request sets it, because every real
 * Terraform call uses TLS; give `"false"` to test a plain-HTTP request. A request iam-simulate
 * rejects as malformed (unknown action, wrong ARN type, wrongly typed context key) throws with
 * its message, so a typo in a table row fails the test instead of passing as "denied".
 */

export type Decision = "Allowed" | "ImplicitlyDenied" | "ExplicitlyDenied";

/** The principal used when a request does not name one: a role in the sample account. */
export const SAMPLE_ACCOUNT = "123456789012";
export const SAMPLE_PRINCIPAL = `arn:aws:iam::${SAMPLE_ACCOUNT}:role/terraform-runtime`;

export interface SimulatedRequest {
  readonly action: string;
  /** The ARN acted on (for Resource "*" actions, "*"). */
  readonly resource: string;
  /** Defaults to SAMPLE_PRINCIPAL. */
  readonly principal?: string;
  /** Account that owns the resource; defaults to SAMPLE_ACCOUNT. */
  readonly resourceAccount?: string;
  /** Request condition keys, e.g. `{ "s3:prefix": "tz/v1/" }`; multi-valued keys as arrays. */
  readonly context?: Readonly<Record<string, string | readonly string[]>>;
}

export interface SimulationInput {
  /** Policies attached to the principal. */
  readonly identityPolicies: readonly ConcretePolicy[];
  /** The resource's own policy (bucket policy, key policy), if any. */
  readonly resourcePolicy?: ConcretePolicy;
  readonly request: SimulatedRequest;
}

/** The decision AWS would make for one request. */
export async function simulate(input: SimulationInput): Promise<Decision> {
  const { request } = input;
  const context: Record<string, string | string[]> = { "aws:SecureTransport": "true" };
  for (const [key, value] of Object.entries(request.context ?? {})) {
    context[key] = typeof value === "string" ? value : [...value];
  }
  const simulation: Simulation = {
    request: {
      principal: request.principal ?? SAMPLE_PRINCIPAL,
      action: request.action,
      resource: { resource: request.resource, accountId: request.resourceAccount ?? SAMPLE_ACCOUNT },
      contextVariables: context,
    },
    identityPolicies: input.identityPolicies.map((policy, index) => ({ name: `identity-${index}`, policy })),
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    ...(input.resourcePolicy ? { resourcePolicy: input.resourcePolicy } : {}),
  };
  const result = await runSimulation(simulation, { simulationMode: "Strict" });
  if (result.resultType === "error") {
    throw new Error(
      `iam-simulate rejected ${request.action} on ${request.resource}: ${JSON.stringify(result.errors)}`,
    );
  }
  // Strict mode drops context keys it does not know for the action; a dropped key would make a
  // table row pass as "denied" for the wrong reason, so it is an error in the row.
  if (result.resultType === "single" && result.result.ignoredContextKeys?.length) {
    throw new Error(
      `iam-simulate ignored context key(s) ${result.result.ignoredContextKeys.join(", ")} for ${request.action}; fix the row (note: iam-simulate cannot evaluate colon-variable keys such as kms:EncryptionContext:<key>).`,
    );
  }
  return result.overallResult as Decision;
}

/** One row of an allow/deny table: what is asked, and what AWS must answer. */
export interface ExpectationRow {
  /** Why the row exists, in words a reviewer reads (shown as the test name). */
  readonly why: string;
  readonly request: SimulatedRequest;
  readonly expect: Decision | "Denied";
}

/** Does a decision satisfy an expectation? "Denied" accepts an implicit or explicit deny. */
export function satisfiesExpectation(decision: Decision, expected: ExpectationRow["expect"]): boolean {
  return expected === "Denied" ? decision !== "Allowed" : decision === expected;
}

/** KMS always consults the key policy: AWS's default one, which delegates to the account's IAM policies. */
export function defaultKeyPolicy(account: string = SAMPLE_ACCOUNT, partition = "aws"): ConcretePolicy {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "EnableIamPolicies",
        Effect: "Allow",
        Principal: { AWS: [`arn:${partition}:iam::${account}:root`] },
        Action: ["kms:*"],
        Resource: ["*"],
      },
    ],
  };
}
