import { definePolicy, type PolicyDocument, type PolicyStatement } from "../../lib/policy/model";
import { assertValidPolicy, validatePolicy } from "../../lib/policy/validate";
import { arnMatches } from "../../lib/iam/match";
import { stateReadOnlyPolicy, stateRuntimePolicy } from "../../lib/policy/documents/state-access";
import { stateBucketPolicy } from "../../lib/policy/documents/state-bucket-policy";
import { stateKeyPolicy } from "../../lib/policy/documents/state-key-policy";
import { UserError } from "../../lib/errors";

const bucket = "arn:aws:s3:::{bucket_name}";
const objects = "arn:aws:s3:::{bucket_name}/{prefix}*";

/** An identity document with one parameterized bucket and the given statements. */
function identity(...statements: PolicyStatement[]): PolicyDocument {
  return definePolicy({
    id: "sample",
    description: "test",
    kind: "identity",
    params: {
      bucket_name: { type: "string", longest: "b".repeat(63) },
      prefix: { type: "string", longest: "p/" },
    },
    statements,
  });
}

const allow = (sid: string, actions: string[], resources: string[], extra: Partial<PolicyStatement> = {}) =>
  ({ sid, effect: "Allow", actions, resources, ...extra }) as PolicyStatement;

describe("validatePolicy: each rule has a passing and a failing case", () => {
  // prettier-ignore
  const CASES: ReadonlyArray<[string, PolicyDocument, PolicyDocument, RegExp]> = [
    ["the action exists",
      identity(allow("Read", ["s3:GetObject"], [objects])),
      identity(allow("Read", ["s3:GetObjekt"], [objects])),
      /statement "Read": action "s3:GetObjekt" does not exist in AWS's catalogue; did you mean "s3:GetObject"\?/],
    ["the service exists",
      identity(allow("Read", ["s3:GetObject"], [objects])),
      identity(allow("Read", ["s4:GetObject"], [objects])),
      /statement "Read": action "s4:GetObject": there is no AWS service "s4"/],
    ["no action wildcard in an Allow",
      identity(allow("Read", ["s3:GetObject", "s3:GetObjectTagging"], [objects])),
      identity(allow("Read", ["s3:GetObject*"], [objects])),
      /statement "Read": action "s3:GetObject\*" is a wildcard; list the exact actions needed/],
    ["no service wildcard in an Allow",
      identity(allow("All", ["s3:ListBucket"], [bucket])),
      identity(allow("All", ["s3:*"], [bucket])),
      /statement "All": action "s3:\*" is a wildcard/],
    ["the resource fits a resource type of each action",
      identity(allow("List", ["s3:ListBucket"], [bucket]), allow("Read", ["s3:GetObject"], [objects])),
      identity(allow("Mixed", ["s3:ListBucket", "s3:GetObject"], [bucket])),
      /statement "Mixed": resource "arn:aws:s3:::b{63}" is not .*a object \(arn:\$\{Partition\}:s3:::\$\{BucketName\}\/\$\{ObjectName\}\).*, which is what "s3:GetObject" acts on; move the action/],
    ["Resource * only for actions without a resource type",
      identity(allow("Buckets", ["s3:ListAllMyBuckets"], ["*"])),
      identity(allow("Star", ["s3:GetObject"], ["*"])),
      /statement "Star": action "s3:GetObject" with Resource "\*": it acts on .*; name that ARN instead of "\*"/],
    ["a List action whose resource types are all optional takes Resource * (it may name none)",
      identity(allow("Global", ["rds:DescribeGlobalClusters"], ["*"])),
      identity(allow("Star", ["rds:DescribeGlobalClusters", "s3:GetObject"], ["*"])),
      /statement "Star": action "s3:GetObject" with Resource "\*"/],
    ["an action without a resource type takes Resource *",
      identity(allow("Buckets", ["s3:ListAllMyBuckets"], ["*"])),
      identity(allow("Buckets", ["s3:ListAllMyBuckets"], [bucket])),
      /statement "Buckets": action "s3:ListAllMyBuckets" has no resource type, so IAM matches it only with Resource "\*"/],
    ["condition keys exist for the action or are global",
      identity(allow("List", ["s3:ListBucket"], [bucket], { conditions: { StringLike: { "s3:prefix": ["p/*"] }, Bool: { "aws:SecureTransport": "true" } } })),
      identity(allow("Read", ["s3:GetObject"], [objects], { conditions: { StringLike: { "s3:prefix": ["p/*"] } } })),
      /statement "Read": condition key "s3:prefix" is not set on requests for "s3:GetObject", so the condition never matches/],
    ["condition keys with variables match the catalogue pattern",
      identity(allow("Tagged", ["s3:PutObject"], [objects], { conditions: { StringEquals: { "s3:RequestObjectTag/team": "a", "aws:ResourceTag/env": "b" } } })),
      identity(allow("Tagged", ["s3:PutObject"], [objects], { conditions: { StringEquals: { "s3:RequestObjectTagz/team": "a" } } })),
      /condition key "s3:RequestObjectTagz\/team" is not set on requests for "s3:PutObject"/],
    ["condition operators exist",
      identity(allow("List", ["s3:ListBucket"], [bucket], { conditions: { "ForAnyValue:StringLikeIfExists": { "s3:prefix": ["p/*"] } } })),
      identity(allow("List", ["s3:ListBucket"], [bucket], { conditions: { StringLikes: { "s3:prefix": ["p/*"] } } })),
      /condition operator "StringLikes" does not exist/],
    ["Sids are unique",
      identity(allow("A", ["s3:ListBucket"], [bucket]), allow("B", ["s3:GetObject"], [objects])),
      identity(allow("A", ["s3:ListBucket"], [bucket]), allow("A", ["s3:GetObject"], [objects])),
      /statement "A": the Sid is used twice/],
    ["Sids are letters and digits",
      identity(allow("ReadState1", ["s3:GetObject"], [objects])),
      identity(allow("read-state", ["s3:GetObject"], [objects])),
      /statement "read-state": a Sid may hold only letters and digits/],
    ["an identity policy has no Principal",
      identity(allow("Read", ["s3:GetObject"], [objects])),
      identity(allow("Read", ["s3:GetObject"], [objects], { principal: { AWS: ["arn:aws:iam::123456789012:root"] } })),
      /an identity policy has no Principal/],
  ];

  test.each(CASES)("%s", (_rule, good, bad, message) => {
    expect(validatePolicy(good)).toEqual([]);
    const problems = validatePolicy(bad);
    expect(problems.some((problem) => message.test(problem))).toBe(true);
    expect(problems.every((problem) => problem.startsWith('Policy "sample": '))).toBe(true);
  });

  test("a managed policy over 6,144 characters with the longest allowed values is refused", () => {
    const actions = ["s3:GetObject", "s3:PutObject", "s3:GetObjectTagging", "s3:PutObjectTagging"];
    const many = (n: number) =>
      Array.from({ length: n }, (_, i) => allow(`Read${i}`, actions, [`arn:aws:s3:::{bucket_name}/k${i}/*`]));
    expect(validatePolicy(identity(...many(20)))).toEqual([]);
    expect(validatePolicy(identity(...many(60)))).toEqual([
      expect.stringMatching(/it is \d+ non-whitespace characters, over the 6144 limit of an identity policy/),
    ]);
  });

  test("the size check takes the worst guard combination (every optional statement present)", () => {
    const doc = definePolicy({
      ...identity(),
      params: { ...identity().params, key: { type: "string", nullable: true, longest: "k".repeat(3000) } },
      statements: [
        allow("A", ["s3:GetObject"], [`arn:aws:s3:::{bucket_name}/{key}`], {
          guards: [{ param: "key", is: "set" }],
        }),
        allow("B", ["s3:PutObject"], [`arn:aws:s3:::{bucket_name}/{key}`], {
          guards: [{ param: "key", is: "set" }],
        }),
      ],
    });
    expect(validatePolicy(doc)).toEqual([expect.stringMatching(/\(key=set\) it is \d+ non-whitespace/)]);
  });

  test("assertValidPolicy throws a UserError listing every problem", () => {
    const bad = identity(allow("Read", ["s3:GetObjekt"], [objects]), allow("Read", ["s3:*"], [bucket]));
    expect(() => assertValidPolicy(bad)).toThrow(UserError);
    expect(() => assertValidPolicy(bad)).toThrow(
      /is not valid \(3 problem\(s\)\)[\s\S]*GetObjekt[\s\S]*twice[\s\S]*wildcard/,
    );
  });
});

describe("resource policies", () => {
  const resource = (statements: PolicyStatement[], kind: "bucket" | "key" = "bucket"): PolicyDocument =>
    definePolicy({ id: "res", description: "t", kind, params: identity().params, statements });

  test("Deny may use a service wildcard; Allow to everyone may not", () => {
    const deny = allow("DenyHttp", ["s3:*"], [bucket, `${bucket}/*`], {
      effect: "Deny",
      principal: "*",
      conditions: { Bool: { "aws:SecureTransport": "false" } },
    });
    expect(validatePolicy(resource([deny]))).toEqual([]);
    expect(validatePolicy(resource([{ ...deny, effect: "Allow" }]))).toEqual(
      expect.arrayContaining([expect.stringMatching(/Principal "\*" with Allow grants the world/)]),
    );
  });

  test("a key policy allows kms:* only as the delegation to the account root, and Resource must be *", () => {
    const delegation = allow("Root", ["kms:*"], ["*"], {
      principal: { AWS: ["arn:aws:iam::123456789012:root"] },
    });
    expect(validatePolicy(resource([delegation], "key"))).toEqual([]);
    const toRole = { ...delegation, principal: { AWS: ["arn:aws:iam::123456789012:role/ops"] } };
    expect(validatePolicy(resource([toRole], "key"))).toEqual([
      expect.stringMatching(/action "kms:\*" is a wildcard/),
    ]);
    const keyArn = { ...delegation, resources: ["arn:aws:kms:eu-west-1:123456789012:key/x"] };
    expect(validatePolicy(resource([keyArn], "key"))).toEqual([
      expect.stringMatching(/a key policy's Resource must be "\*"/),
    ]);
  });
});

describe("the project's policies are valid", () => {
  test.each(
    [stateRuntimePolicy, stateReadOnlyPolicy, stateBucketPolicy, stateKeyPolicy].map((d) => [d.id, d]),
  )("%s", (_id, document) => expect(validatePolicy(document)).toEqual([]));
});

describe("arnMatches", () => {
  // prettier-ignore
  test.each([
    ["arn:aws:s3:::b", "arn:${Partition}:s3:::${BucketName}", true],
    ["arn:aws:s3:::b/p/*", "arn:${Partition}:s3:::${BucketName}", false],
    ["arn:aws:s3:::b/p/*", "arn:${Partition}:s3:::${BucketName}/${ObjectName}", true],
    ["arn:aws:s3:::b", "arn:${Partition}:s3:::${BucketName}/${ObjectName}", false],
    ["arn:aws:dynamodb:eu-west-1:123456789012:table/t", "arn:${Partition}:dynamodb:${Region}:${Account}:table/${TableName}", true],
    ["arn:aws:dynamodb:eu-west-1:123456789012:table/t/index/i", "arn:${Partition}:dynamodb:${Region}:${Account}:table/${TableName}", false],
    ["arn:aws:kms:eu-west-1:123456789012:alias/a", "arn:${Partition}:kms:${Region}:${Account}:key/${KeyId}", false],
  ])("%s fits %s: %s", (arn, format, expected) => expect(arnMatches(arn, format)).toBe(expected));
});
