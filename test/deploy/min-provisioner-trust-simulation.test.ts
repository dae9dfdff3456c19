import { minProvisionerTrustPolicy } from "../../lib/policy/documents/min-provisioner-trust";
import type { ParamValues } from "../../lib/policy/model";
import { renderConcrete, type ConcretePolicy } from "../../lib/policy/render-concrete";
import { simulate, type Decision } from "../support/simulate";

/**
 * The role's trust policy simulated as the resource policy of `sts:AssumeRole` on the role. Callers
 * from the trusted account also hold an identity policy allowing the call (cross-account access
 * needs both), so each decision is the trust policy's.
 */
const ROLE_ACCOUNT = "123456789012";
const ROLE = `arn:aws:iam::${ROLE_ACCOUNT}:role/tz-MinProvisioner`;
const ALICE = "arn:aws:iam::111122223333:user/alice";
const BOB = "arn:aws:iam::111122223333:user/bob";
const CAROL_ELSEWHERE = "arn:aws:iam::444455556666:user/alice";
const CALLER_MAY_ASSUME: ConcretePolicy = {
  Version: "2012-10-17",
  Statement: [{ Sid: "AssumeProvisioner", Effect: "Allow", Action: ["sts:AssumeRole"], Resource: [ROLE] }],
};

interface Row {
  readonly why: string;
  readonly principal: string;
  readonly context?: Readonly<Record<string, string>>;
  readonly expected: Decision;
}

const trustFor = (values: Partial<ParamValues>): ConcretePolicy =>
  renderConcrete(minProvisionerTrustPolicy, {
    trusted_principal_arns: [ALICE],
    external_id: null,
    require_mfa: false,
    ...values,
  });

const MFA = { "aws:MultiFactorAuthPresent": "true" };
const NO_MFA = { "aws:MultiFactorAuthPresent": "false" };
const EXT = { "sts:ExternalId": "ext-1234" };

// prettier-ignore
const TABLES: ReadonlyArray<[string, Partial<ParamValues>, Row[]]> = [
  ["no external id, no MFA", {}, [
    { why: "the trusted user", principal: ALICE, expected: "Allowed" },
    { why: "another user of the trusted account", principal: BOB, expected: "ImplicitlyDenied" },
    { why: "the same user name in another account", principal: CAROL_ELSEWHERE, expected: "ImplicitlyDenied" },
  ]],
  ["external_id set", { external_id: "ext-1234" }, [
    { why: "with the external id", principal: ALICE, context: EXT, expected: "Allowed" },
    { why: "without the external id", principal: ALICE, expected: "ImplicitlyDenied" },
    { why: "with another external id", principal: ALICE, context: { "sts:ExternalId": "guess" }, expected: "ImplicitlyDenied" },
    { why: "another principal with the external id", principal: BOB, context: EXT, expected: "ImplicitlyDenied" },
  ]],
  ["require_mfa", { require_mfa: true }, [
    { why: "signed in with MFA", principal: ALICE, context: MFA, expected: "Allowed" },
    { why: "signed in without MFA", principal: ALICE, context: NO_MFA, expected: "ImplicitlyDenied" },
    { why: "MFA unknown (long-term keys)", principal: ALICE, expected: "ImplicitlyDenied" },
  ]],
  ["external_id and require_mfa", { external_id: "ext-1234", require_mfa: true }, [
    { why: "with both", principal: ALICE, context: { ...EXT, ...MFA }, expected: "Allowed" },
    { why: "external id without MFA", principal: ALICE, context: EXT, expected: "ImplicitlyDenied" },
    { why: "MFA without external id", principal: ALICE, context: MFA, expected: "ImplicitlyDenied" },
  ]],
  ["trusting an account root", { trusted_principal_arns: ["arn:aws:iam::111122223333:root"] }, [
    { why: "a user of that account", principal: BOB, expected: "Allowed" },
    { why: "a user of another account", principal: CAROL_ELSEWHERE, expected: "ImplicitlyDenied" },
  ]],
];

describe.each(TABLES)("trust policy, %s", (_config, values, rows) => {
  test.each(rows.map((row) => [row.expected, row.why, row] as const))("%s: %s", async (_e, _w, row) => {
    const decision = await simulate({
      identityPolicies: [CALLER_MAY_ASSUME],
      resourcePolicy: trustFor(values),
      request: {
        action: "sts:AssumeRole",
        resource: ROLE,
        principal: row.principal,
        resourceAccount: ROLE_ACCOUNT,
        context: row.context,
      },
    });
    expect(decision).toBe(row.expected);
  });
});
