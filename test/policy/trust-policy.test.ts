import { definePolicy, type PolicyDocument, type PolicyStatement } from "../../lib/policy/model";
import { validatePolicy } from "../../lib/policy/validate";
import { arnMatches } from "../../lib/iam/match";
import { renderConcrete } from "../../lib/policy/render-concrete";
import { renderTerraformExpression } from "../../lib/policy/render-terraform";
import { minProvisionerTrustPolicy } from "../../lib/policy/documents/min-provisioner-trust";

const ALICE = "arn:aws:iam::111122223333:user/alice";

/** A trust document whose one statement is the given one (principal list parameterized). */
function trust(statement: Partial<PolicyStatement>, longestPrincipals: string[] = [ALICE]): PolicyDocument {
  return definePolicy({
    id: "trust-sample",
    description: "test",
    kind: "trust",
    params: { principals: { type: "list", longest: longestPrincipals } },
    statements: [
      {
        sid: "Assume",
        effect: "Allow",
        principal: { AWS: ["{principals}"] },
        actions: ["sts:AssumeRole"],
        resources: [],
        ...statement,
      },
    ],
  });
}

describe("trust policies: rendered without Resource", () => {
  test("renderConcrete omits Resource and keeps Principal and Condition", () => {
    const policy = renderConcrete(minProvisionerTrustPolicy, {
      trusted_principal_arns: [ALICE],
      external_id: "ext-1",
      require_mfa: false,
    });
    expect(policy.Statement).toEqual([
      {
        Sid: "TrustedPrincipalsAssumeRoleWithExternalId",
        Effect: "Allow",
        Principal: { AWS: [ALICE] },
        Action: ["sts:AssumeRole"],
        Condition: { StringEquals: { "sts:ExternalId": "ext-1" } },
      },
    ]);
  });

  test("renderTerraformExpression writes no Resource field", () => {
    const expression = renderTerraformExpression(minProvisionerTrustPolicy, {
      trusted_principal_arns: { expression: "var.trusted_principal_arns", list: true },
      external_id: { expression: "var.external_id" },
      require_mfa: { expression: "var.require_mfa" },
    });
    expect(expression).not.toContain('"Resource"');
    expect(expression).toContain('"Principal" = {"AWS" = var.trusted_principal_arns}');
  });

  test("identity documents still render Resource", () => {
    const identity = definePolicy({
      id: "identity",
      description: "test",
      kind: "identity",
      params: {},
      statements: [{ sid: "List", effect: "Allow", actions: ["s3:ListAllMyBuckets"], resources: ["*"] }],
    });
    expect(renderConcrete(identity, {}).Statement[0].Resource).toEqual(["*"]);
  });
});

describe("validatePolicy on trust policies: each rule has a passing and a failing case", () => {
  test("the min-provisioner trust policy is valid", () => {
    expect(validatePolicy(minProvisionerTrustPolicy)).toEqual([]);
  });

  // prettier-ignore
  const CASES: ReadonlyArray<[string, Partial<PolicyStatement>, Partial<PolicyStatement>, RegExp]> = [
    ["a Principal is required",
      {}, { principal: undefined },
      /statement "Assume": a trust policy statement needs a Principal/],
    ["no Principal \"*\"",
      {}, { principal: "*" },
      /statement "Assume": Principal "\*" lets anyone assume the role/],
    ["no wildcard inside a principal ARN",
      {}, { principal: { AWS: ["arn:aws:iam::111122223333:role/*"] } },
      /statement "Assume": principal "arn:aws:iam::111122223333:role\/\*" is a wildcard/],
    ["principals are account roots, users, roles or sessions",
      {}, { principal: { AWS: ["arn:aws:s3:::bucket"] } },
      /principal "arn:aws:s3:::bucket" is not an account id or the ARN of an account root/],
    ["only sts:AssumeRole and sts:TagSession",
      { actions: ["sts:AssumeRole", "sts:TagSession"] }, { actions: ["sts:AssumeRole", "iam:PassRole"] },
      /action\(s\) "iam:PassRole" do not belong in a trust policy; it may grant only sts:AssumeRole and sts:TagSession/],
    ["no Resource",
      {}, { resources: ["arn:aws:iam::111122223333:role/x"] },
      /a trust policy has no Resource \(the role is the resource\); remove it/],
    ["condition keys exist for the action",
      { conditions: { StringEquals: { "sts:ExternalId": "x1" } } },
      { conditions: { StringEquals: { "s3:prefix": "x1" } } },
      /condition key "s3:prefix" is not set on requests for "sts:AssumeRole"/],
  ];
  test.each(CASES)("%s", (_rule, good, bad, message) => {
    expect(validatePolicy(trust(good))).toEqual([]);
    const problems = validatePolicy(trust(bad));
    expect(problems.some((problem) => message.test(problem))).toBe(true);
  });

  test("a trust policy over 2,048 characters with the longest values is refused, naming the size", () => {
    const many = Array.from({ length: 25 }, (_, i) => `arn:aws:iam::111122223333:role/${"r".repeat(60)}${i}`);
    expect(validatePolicy(trust({}, many.slice(0, 2)))).toEqual([]);
    const problems = validatePolicy(trust({}, many));
    expect(problems).toEqual([
      expect.stringMatching(/it is \d{4} non-whitespace characters, over the 2048 limit of a trust policy/),
    ]);
  });
});

describe("arnMatches: the last placeholder after `type:` may hold '/'", () => {
  const LOG_GROUP = "arn:${Partition}:logs:${Region}:${Account}:log-group:${LogGroupName}";
  const LOG_STREAM =
    "arn:${Partition}:logs:${Region}:${Account}:log-group:${LogGroupName}:log-stream:${LogStreamName}";
  // prettier-ignore
  test.each([
    ["arn:aws:logs:eu-west-1:123456789012:log-group:/tz-orchestra/ecs-*", LOG_GROUP, true],
    ["arn:aws:logs:eu-west-1:123456789012:log-group:/aws/lambda/x", LOG_GROUP, true],
    ["arn:aws:logs:eu-west-1:123456789012:log-group:/tz/x:log-stream:s", LOG_GROUP, false],
    ["arn:aws:logs:eu-west-1:123456789012:log-group:/tz/x:log-stream:s", LOG_STREAM, true],
    ["arn:aws:s3:::b/p/*", "arn:${Partition}:s3:::${BucketName}", false],
    ["arn:aws:dynamodb:eu-west-1:123456789012:table/t/index/i", "arn:${Partition}:dynamodb:${Region}:${Account}:table/${TableName}", false],
  ])("%s fits %s: %s", (arn, format, expected) => expect(arnMatches(arn, format)).toBe(expected));
});
