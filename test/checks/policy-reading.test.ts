import { policiesOf } from "../../lib/checks/policy-sources";
import { stackView } from "../../lib/checks/stack-view";

/**
 * What the rule pack reads out of a stack's Terraform JSON, whatever shape the policy has: a rule can
 * only judge what this reading gives it, and what it cannot read must be said (and so fail the pack).
 */
const read = (terraform: object) => policiesOf(stackView(terraform));
const policyResource = (policy: unknown) => ({ resource: { aws_iam_policy: { this: { policy } } } });
const statement = (fields: object) => ({
  sid: undefined,
  effect: "Allow",
  actions: [],
  notActions: [],
  resources: [],
  notResources: [],
  principals: undefined,
  notPrincipals: undefined,
  conditions: {},
  unknown: [],
  ...fields,
});
const POLICY = { address: "aws_iam_policy.this.policy", owner: "aws_iam_policy.this", kind: "identity" };

describe("reading policies out of Terraform JSON", () => {
  it("a policy given as an object is read as JSON, a single statement object too", () => {
    expect(read(policyResource({ Statement: { Effect: "Deny", Action: "s3:*", Resource: "*" } }))).toEqual([
      {
        ...POLICY,
        origin: "json",
        statements: [statement({ effect: "Deny", actions: ["s3:*"], resources: ["*"] })],
      },
    ]);
  });

  it.each([
    [
      "an object without a Statement list",
      { Version: "2012-10-17" },
      "json",
      "the policy object has no readable Statement list",
    ],
    ["a number", 7, "json", "the policy is not a string"],
    ["text that is not JSON", "not json", "json", "the policy text is not a JSON policy document: not json"],
    ["JSON that is not a policy", "[1, 2]", "json", "the policy text is not a JSON policy document: [1, 2]"],
    [
      "a reference to a missing data source",
      "${data.aws_iam_policy_document.gone.json}",
      "data source",
      "the data source it refers to is missing: ${data.aws_iam_policy_document.gone.json}",
    ],
    [
      "an expression",
      '${jsonencode({ Statement = "x" })}',
      "expression",
      'the policy is an expression no construct registered (register its PolicyDocument with registerPolicy): ${jsonencode({ Statement = "x" })}',
    ],
  ])("%s is unreadable, with the reason", (_name, policy, origin, note) => {
    expect(read(policyResource(policy))).toEqual([{ ...POLICY, origin, note }]);
  });

  it("a long unreadable text is shortened to 80 characters in the reason", () => {
    const long = `not json ${"x".repeat(100)}`;
    expect(read(policyResource(long))[0].note).toBe(
      `the policy text is not a JSON policy document: ${long.slice(0, 77)}...`,
    );
  });

  it("a role's inline policies are identity policies at their own address", () => {
    const role = {
      resource: {
        aws_iam_role: {
          r: {
            inline_policy: [
              { name: "none" },
              {
                name: "one",
                policy: JSON.stringify({
                  Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "*" }],
                }),
              },
            ],
          },
        },
      },
    };
    expect(read(role)).toEqual([
      {
        address: "aws_iam_role.r.inline_policy[1]",
        owner: "aws_iam_role.r",
        kind: "identity",
        origin: "json",
        statements: [statement({ actions: ["s3:GetObject"], resources: ["*"] })],
      },
    ]);
  });

  it("an aws_iam_policy_document data source: principals, conditions and effect", () => {
    const terraform = {
      data: {
        aws_iam_policy_document: {
          doc: {
            statement: [
              {
                sid: "Trust",
                actions: ["sts:AssumeRole"],
                principals: [
                  { type: "AWS", identifiers: ["arn:aws:iam::123456789012:root"] },
                  { type: "AWS", identifiers: ["arn:aws:iam::210987654321:root"] },
                  { type: "*", identifiers: ["*"] },
                ],
                condition: [
                  { test: "StringEquals", variable: "sts:ExternalId", values: ["x"] },
                  { test: "StringEquals", variable: "aws:PrincipalAccount", values: ["123456789012"] },
                ],
              },
              {
                effect: "Deny",
                not_actions: ["s3:GetObject"],
                not_resources: ["arn:aws:s3:::b/*"],
                condition: { test: "Bool", variable: "aws:SecureTransport", values: [false] },
              },
              {
                actions: "${var.actions}",
                not_principals: { type: "Service", identifiers: ["ecs.amazonaws.com"] },
              },
            ],
          },
        },
      },
      resource: { aws_iam_role: { r: { assume_role_policy: "${data.aws_iam_policy_document.doc.json}" } } },
    };
    expect(read(terraform)).toEqual([
      {
        address: "aws_iam_role.r.assume_role_policy",
        owner: "aws_iam_role.r",
        kind: "trust",
        origin: "data source",
        statements: [
          statement({
            sid: "Trust",
            actions: ["sts:AssumeRole"],
            principals: {
              AWS: ["arn:aws:iam::123456789012:root", "arn:aws:iam::210987654321:root"],
              "*": ["*"],
            },
            conditions: {
              StringEquals: { "sts:ExternalId": ["x"], "aws:PrincipalAccount": ["123456789012"] },
            },
          }),
          statement({
            effect: "Deny",
            notActions: ["s3:GetObject"],
            notResources: ["arn:aws:s3:::b/*"],
            conditions: { Bool: { "aws:SecureTransport": ["false"] } },
          }),
          statement({ unknown: ["actions"], notPrincipals: { Service: ["ecs.amazonaws.com"] } }),
        ],
      },
    ]);
  });

  it("a statement's unreadable fields are named: Principal, Condition and its parts, Effect", () => {
    const policy = JSON.stringify({
      Statement: [
        {
          Effect: "Allow",
          Action: "s3:GetObject",
          Resource: ["*"],
          Principal: "${var.p}",
          Condition: "${var.c}",
        },
        {
          Effect: "Maybe",
          Action: ["s3:GetObject"],
          Resource: "*",
          Principal: { AWS: [1] },
          Condition: {
            StringEquals: "${var.x}",
            Bool: { "aws:SecureTransport": true, "aws:ViaAWSService": { a: 1 } },
          },
        },
      ],
    });
    expect(read(policyResource(policy))[0].statements).toEqual([
      statement({
        actions: ["s3:GetObject"],
        resources: ["*"],
        principals: {},
        unknown: ["Principal", "Condition"],
      }),
      statement({
        effect: "unknown",
        actions: ["s3:GetObject"],
        resources: ["*"],
        principals: {},
        conditions: { Bool: { "aws:SecureTransport": ["true"], "aws:ViaAWSService": [] } },
        unknown: ["Principal.AWS", "Condition.StringEquals", "Condition.Bool.aws:ViaAWSService"],
      }),
    ]);
  });

  it("outputs and locals that hold a policy are read; an identity output holding a trust policy is a trust policy", () => {
    const trust = JSON.stringify({
      Statement: [
        { Effect: "Allow", Action: "sts:AssumeRole", Principal: { AWS: "arn:aws:iam::123456789012:root" } },
      ],
    });
    const identity = JSON.stringify({
      Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Resource: "*" }],
    });
    const terraform = {
      output: { trust: { value: trust }, other: { value: "no policy" } },
      locals: { identity, name: "x" },
    };
    expect(read(terraform).map((p) => [p.address, p.owner, p.kind])).toEqual([
      ["output.trust", "output.trust", "trust"],
      ["local.identity", "local.identity", "identity"],
    ]);
  });

  it("every resource type that holds a policy is read, with its kind", () => {
    const policy = JSON.stringify({
      Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "*" }],
    });
    const terraform = {
      resource: {
        aws_iam_role_policy: { a: { policy } },
        aws_iam_user_policy: { a: { policy } },
        aws_iam_group_policy: { a: { policy } },
        aws_s3_bucket_policy: { a: { policy } },
        aws_kms_key: { a: { policy } },
        aws_kms_key_policy: { a: { policy } },
        aws_sqs_queue_policy: { a: { policy } },
        aws_s3_bucket: { a: { inline_policy: { policy } } },
        aws_iam_role: { a: { inline_policy: { policy } } },
      },
    };
    expect(read(terraform).map((p) => [p.address, p.owner, p.kind])).toEqual([
      ["aws_iam_role_policy.a.policy", "aws_iam_role_policy.a", "identity"],
      ["aws_iam_user_policy.a.policy", "aws_iam_user_policy.a", "identity"],
      ["aws_iam_group_policy.a.policy", "aws_iam_group_policy.a", "identity"],
      ["aws_s3_bucket_policy.a.policy", "aws_s3_bucket_policy.a", "bucket"],
      ["aws_kms_key.a.policy", "aws_kms_key.a", "key"],
      ["aws_kms_key_policy.a.policy", "aws_kms_key_policy.a", "key"],
      ["aws_iam_role.a.inline_policy[0]", "aws_iam_role.a", "identity"],
    ]);
  });

  it("only a whole reference to a data source that exists is followed", () => {
    const block = { actions: ["s3:GetObject"], resources: ["*"] };
    const terraform = (policy: string) => ({
      data: { aws_iam_policy_document: { other: { statement: [] }, doc: { statement: [block] } } },
      ...policyResource(policy),
    });
    expect(read(terraform("${data.aws_iam_policy_document.doc.json}"))[0]).toEqual({
      ...POLICY,
      origin: "data source",
      statements: [statement({ actions: ["s3:GetObject"], resources: ["*"] })],
    });
    for (const partial of [
      "x${data.aws_iam_policy_document.doc.json}",
      "${data.aws_iam_policy_document.doc.json}x",
    ])
      expect(read(terraform(partial))[0].origin).toBe("expression");
  });

  it("a reason of exactly 80 characters is not shortened", () => {
    const text = `not json ${"x".repeat(71)}`;
    expect(text).toHaveLength(80);
    expect(read(policyResource(text))[0].note).toBe(`the policy text is not a JSON policy document: ${text}`);
  });

  it("an identity policy turns into a trust policy only with a statement that lets a principal assume a role", () => {
    const policyOf = (...statements: object[]) =>
      read(policyResource(JSON.stringify({ Statement: statements })))[0].kind;
    const assume = {
      Effect: "Allow",
      Action: ["sts:TagSession", "sts:AssumeRole"],
      Principal: { AWS: "arn:aws:iam::123456789012:root" },
    };
    expect(policyOf({ Effect: "Allow", Action: "s3:GetObject", Resource: "*" }, assume)).toBe("trust");
    expect(policyOf({ ...assume, Principal: undefined, Resource: "*" })).toBe("identity");
    expect(policyOf({ ...assume, Action: "xsts:AssumeRole" })).toBe("identity");
    const bucket = {
      resource: { aws_s3_bucket_policy: { b: { policy: JSON.stringify({ Statement: [assume] }) } } },
    };
    expect(read(bucket)[0].kind).toBe("bucket");
  });

  it("an output whose value is not a string is not read as a policy", () => {
    expect(read({ output: { o: { value: { Statement: [] } }, s: "Statement" } })).toEqual([]);
  });

  it("null fields read as absent, a Sid that is not text is no Sid, a statement that is not an object spoils the list", () => {
    const policy = (statements: unknown) => JSON.stringify({ Statement: statements });
    expect(
      read(
        policyResource(policy([{ Sid: 5, Effect: "Deny", Action: "s3:*", Resource: null, Condition: null }])),
      )[0],
    ).toEqual({ ...POLICY, origin: "json", statements: [statement({ effect: "Deny", actions: ["s3:*"] })] });
    expect(
      read(policyResource(policy([{ Effect: "Allow", Action: "s3:*", Resource: "*" }, "x"])))[0].note,
    ).toBe(
      `the policy text is not a JSON policy document: ${policy([{ Effect: "Allow", Action: "s3:*", Resource: "*" }, "x"])}`,
    );
    expect(
      read(policyResource(policy([{ Effect: "Allow", Action: ["s3:GetObject", 5], Resource: "*" }])))[0]
        .statements,
    ).toEqual([statement({ resources: ["*"], unknown: ["Action"] })]);
  });

  it("a data source with one statement block, odd blocks skipped, odd values read as nothing or unknown", () => {
    const terraform = {
      data: {
        aws_iam_policy_document: {
          doc: {
            statement: {
              sid: 7,
              actions: ["s3:GetObject", 5],
              resources: ["*"],
              principals: [{ type: "AWS", identifiers: "arn:aws:iam::123456789012:root" }, "junk"],
              condition: [{ test: "Bool", variable: "aws:SecureTransport", values: "false" }, "junk"],
            },
          },
        },
      },
      ...policyResource("${data.aws_iam_policy_document.doc.json}"),
    };
    expect(read(terraform)[0].statements).toEqual([
      statement({
        resources: ["*"],
        principals: { AWS: [] },
        conditions: { Bool: { "aws:SecureTransport": [] } },
        unknown: ["actions"],
      }),
    ]);
    const oddBlocks = {
      data: { aws_iam_policy_document: { doc: { statement: ["junk", { actions: ["s3:GetObject"] }] } } },
      ...policyResource("${data.aws_iam_policy_document.doc.json}"),
    };
    expect(read(oddBlocks)[0].statements).toEqual([statement({ actions: ["s3:GetObject"] })]);
    const none = {
      data: { aws_iam_policy_document: { doc: {} } },
      ...policyResource("${data.aws_iam_policy_document.doc.json}"),
    };
    expect(read(none)[0].statements).toEqual([]);
  });

  it("Principal * is everyone; a NotPrincipal that is an expression is named as unread", () => {
    const policy = JSON.stringify({
      Statement: [
        { Effect: "Deny", Principal: "*", NotPrincipal: "${var.p}", Action: "s3:*", Resource: "*" },
      ],
    });
    expect(read(policyResource(policy))[0].statements).toEqual([
      statement({
        effect: "Deny",
        actions: ["s3:*"],
        resources: ["*"],
        principals: { "*": ["*"] },
        notPrincipals: {},
        unknown: ["NotPrincipal"],
      }),
    ]);
  });
});
