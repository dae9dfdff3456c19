import { definePolicy, type Guard, type PolicyStatement } from "../model";
import { param } from "../../hcl/template";
import { PARTITION_LONGEST } from "../../naming/partition";

/**
 * The min-provisioner role's trust policy: the listed principals may assume the role, with
 * `sts:ExternalId` when `external_id` is set and MFA when `require_mfa` is true. Conditions cannot be
 * guarded one by one in the model, so there is one statement per combination; their guards exclude
 * each other, so exactly one is ever rendered.
 */

/** AWS's rule for `sts:ExternalId` (AssumeRole API): 2-1,224 characters of `[\w+=,.@:/-]`. */
export const EXTERNAL_ID_RULE = {
  pattern: "^[A-Za-z0-9_+=,.@:/-]+$",
  minLength: 2,
  maxLength: 1224,
  rule: "2-1,224 characters: letters, digits and _+=,.@:/-",
} as const;

/**
 * The worst case the generation-time size check assumes: an external id at AWS's maximum and this
 * many role ARNs of a 64-character role name. Longer lists are checked at plan time by the
 * module's precondition on the rendered policy.
 */
export const SIZED_PRINCIPAL_COUNT = 4;
const LONGEST_PRINCIPAL = `arn:${PARTITION_LONGEST.partition}:iam::123456789012:role/${"r".repeat(64)}`;

const principals = param("trusted_principal_arns");

function assumeRole(sid: string, guards: readonly Guard[], conditions: PolicyStatement["conditions"]) {
  return {
    sid,
    effect: "Allow" as const,
    principal: { AWS: [principals] },
    actions: ["sts:AssumeRole"],
    resources: [],
    guards,
    ...(conditions ? { conditions } : {}),
  };
}

const externalId = { "sts:ExternalId": param("external_id") };
const mfa = { "aws:MultiFactorAuthPresent": "true" };
const noExternalId: Guard = { param: "external_id", is: "unset" };
const withExternalId: Guard = { param: "external_id", is: "set" };
const noMfa: Guard = { param: "require_mfa", is: "false" };
const withMfa: Guard = { param: "require_mfa", is: "true" };

export const minProvisionerTrustPolicy = definePolicy({
  id: "min-provisioner-trust",
  description:
    "Who may assume the min-provisioner role: the trusted principals, with the external id and MFA when configured.",
  kind: "trust",
  params: {
    trusted_principal_arns: {
      type: "list",
      longest: Array.from({ length: SIZED_PRINCIPAL_COUNT }, () => LONGEST_PRINCIPAL),
    },
    external_id: { type: "string", nullable: true, longest: "x".repeat(EXTERNAL_ID_RULE.maxLength) },
    require_mfa: { type: "bool", longest: true },
  },
  statements: [
    assumeRole("TrustedPrincipalsAssumeRole", [noExternalId, noMfa], undefined),
    assumeRole("TrustedPrincipalsAssumeRoleWithExternalId", [withExternalId, noMfa], {
      StringEquals: externalId,
    }),
    assumeRole("TrustedPrincipalsAssumeRoleWithMfa", [noExternalId, withMfa], { Bool: mfa }),
    assumeRole("TrustedPrincipalsAssumeRoleWithExternalIdAndMfa", [withExternalId, withMfa], {
      StringEquals: externalId,
      Bool: mfa,
    }),
  ],
});
