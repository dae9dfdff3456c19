import { deployPolicyDocuments } from "../../lib/constructs/deploy-policies";
import { deployParamValues } from "../../lib/app/deploy-policy-examples";
import { actionDetails, actionsOfService } from "../../lib/iam/catalogue";
import { renderConcrete } from "../../lib/policy/render-concrete";
import { defaultKeyPolicy, simulate } from "../support/simulate";

/**
 * Nothing outside the module's own keys (#21): every KMS call a deploy profile can make on a key,
 * asked on another team's key in the same account and region in every shape, is denied. The only
 * exceptions are the creating apply's calls, which must accept a key whose tag and alias KMS does
 * not count yet; they are listed here exactly (README "Residual permissions"), so a widening fails.
 */
const ACCT = "123456789012";
const KEY = `arn:aws:kms:eu-west-1:${ACCT}:key/0f4d2c1e-9a8b-4c7d-8e6f-5a4b3c2d1e0f`;
const env = { environmentName: "tz", accountId: ACCT, region: "eu-west-1" } as const;
const values = deployParamValues(env);
const documents = deployPolicyDocuments();

const DEFAULT_KEY_POLICY = defaultKeyPolicy(ACCT);

/** Another team's key, in every shape the issue names. */
const SHAPES: Readonly<Record<string, Readonly<Record<string, string | string[]>>>> = {
  "untagged, no alias": {},
  "tagged with another Environment": { "aws:ResourceTag/Environment": "prod" },
  "aliased otherwise": { "kms:ResourceAliases": ["alias/billing-data"] },
  "tagged tz, aliased otherwise": {
    "aws:ResourceTag/Environment": "tz",
    "kms:ResourceAliases": ["alias/billing-data"],
  },
  "tagged with another Environment, aliased otherwise": {
    "aws:ResourceTag/Environment": "prod",
    "kms:ResourceAliases": ["alias/billing-data"],
  },
};

/** Every non-read KMS action iam-data scopes to a key (write, permissions management, tagging). */
const MUTATING_KEY_ACTIONS = actionsOfService("kms")
  .map((name) => actionDetails("kms", name))
  .filter((details) => details !== undefined)
  .filter((details) => details.accessLevel !== "Read" && details.accessLevel !== "List")
  .filter((details) => details.resourceTypes.some((type) => type.name === "key"))
  .map((details) => `kms:${details.name}`);

/**
 * The creating apply's calls on a key with no tag and no alias that KMS must accept (it may not
 * count a new key's tag or alias for up to five minutes): rotation on, and our own alias pointed at
 * it; tagging Environment = tz is how CreateKey's tags are authorized (kms:TagResource).
 */
const RESIDUAL_ON_UNTAGGED_UNALIASED = ["kms:CreateAlias", "kms:EnableKeyRotation", "kms:TagResource"];

const PROFILES_WITH_KEYS = ["state_backend", "aurora_cluster", "ecs_compute"] as const;

test("the action list is AWS's, not ours: iam-data has the management calls", () => {
  expect(MUTATING_KEY_ACTIONS).toEqual(
    expect.arrayContaining([
      "kms:PutKeyPolicy",
      "kms:ScheduleKeyDeletion",
      "kms:DisableKey",
      "kms:TagResource",
    ]),
  );
});

describe.each(PROFILES_WITH_KEYS)("deploy policy %s on another team's key", (profile) => {
  const policy = renderConcrete(documents[profile], values);
  const rows = Object.entries(SHAPES).flatMap(([shape, context]) =>
    MUTATING_KEY_ACTIONS.map((action) => [shape, action, context] as const),
  );
  test.each(rows)("%s: %s", async (shape, action, context) => {
    // Tagging asks to add our Environment tag: the takeover the issue describes.
    const tagging: Record<string, string | string[]> =
      action === "kms:TagResource"
        ? { "aws:RequestTag/Environment": "tz", "aws:TagKeys": ["Environment"] }
        : {};
    const decision = await simulate({
      identityPolicies: [policy],
      resourcePolicy: DEFAULT_KEY_POLICY,
      request: { action, resource: KEY, context: { ...context, ...tagging } },
    });
    const residual = shape === "untagged, no alias" && RESIDUAL_ON_UNTAGGED_UNALIASED.includes(action);
    expect([action, decision]).toEqual([action, residual ? "Allowed" : "ImplicitlyDenied"]);
  });
});
