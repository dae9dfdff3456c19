import { readFileSync } from "node:fs";
import { join } from "node:path";
import { problemsOf } from "./problems-of";

const projectContext = (): Record<string, unknown> =>
  JSON.parse(readFileSync(join(__dirname, "../../cdktf.json"), "utf8")).context;

const environment = (overrides: Record<string, unknown>) => ({
  ...projectContext(),
  environments: [{ name: "tz", accountId: "123456789012", region: "eu-west-1", ...overrides }],
});

describe("settings: every bad value is refused by name", () => {
  it("suggests the key a typo meant and lists the allowed keys", () => {
    const problems = problemsOf({ ...projectContext(), reposiotryUrl: "x" });
    expect(problems).toEqual([expect.stringContaining('context.reposiotryUrl = "x": unknown key')]);
    expect(problems[0]).toContain('did you mean "repositoryUrl"?');
    expect(problems[0]).toContain("allowed here: repositoryUrl, examples, environments");
  });

  it("finds unknown keys inside array items", () => {
    expect(problemsOf(environment({ regoin: "eu-west-2" }))).toEqual([
      expect.stringMatching(
        /^context\.environments\.0\.regoin = "eu-west-2": unknown key .*did you mean "region"\?/,
      ),
    ]);
  });

  it.each([
    ["accountId", "12345678901", "exactly 12 digits"],
    ["region", "europe", "an AWS region name"],
    ["name", "TZ", "lowercase letters"],
    ["stateBucketName", "My_Bucket", "3-63 characters"],
    ["stateKeyPrefix", "/tz/*", "without a leading '/'"],
  ])("environments[].%s = %j names the key, the value and the rule", (key, value, rule) => {
    const problems = problemsOf(environment({ [key]: value }));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(`context.environments.0.${key} = ${JSON.stringify(value)}: must be`);
    expect(problems[0]).toContain(rule);
  });

  it("refuses principal ARNs with wildcards and an empty list", () => {
    const context = projectContext();
    const examples = context.examples as Record<string, unknown>;
    expect(
      problemsOf({ ...context, examples: { ...examples, trustedPrincipalArns: ["arn:aws:iam::*:root"] } }),
    ).toEqual([
      expect.stringContaining(
        'context.examples.trustedPrincipalArns.0 = "arn:aws:iam::*:root": must be an IAM principal ARN',
      ),
    ]);
    expect(problemsOf({ ...context, examples: { ...examples, trustedPrincipalArns: [] } })[0]).toContain(
      "must list at least one principal ARN",
    );
  });

  it("refuses an environment name whose derived names break AWS rules, naming the derived name", () => {
    const problems = problemsOf(environment({ name: "xn--tz" }));
    expect(problems[0]).toContain(
      'context.environments.0.name = "xn--tz": derives the state bucket name "xn--tz-state-123456789012-eu-west-1"',
    );
    expect(problems[0]).toContain("or set stateBucketName explicitly");
    const doubleHyphen = problemsOf(environment({ name: "tz--a" }));
    expect(doubleHyphen).toEqual([
      expect.stringContaining('derives the Aurora cluster identifier "tz--a-aurora"'),
    ]);
  });

  it("accepts the longest environment name and region the rules allow (derived names still fit)", () => {
    expect(problemsOf(environment({ name: "abcdefghijklmnop", region: "ap-southeast-2" }))).toEqual([]);
  });

  it("refuses the same environment name twice in one account and region, but not across them", () => {
    const context = projectContext();
    const env = { name: "tz", accountId: "123456789012", region: "eu-west-1" };
    expect(problemsOf({ ...context, environments: [env, { ...env }] })).toEqual([
      expect.stringContaining('context.environments.1.name = "tz": must be unique per account and region'),
    ]);
    const spread = [env, { ...env, region: "eu-west-2" }, { ...env, accountId: "210987654321" }];
    expect(problemsOf({ ...context, environments: spread })).toEqual([]);
  });

  it("refuses an environment whose name starts with another's name and '-' in the same account", () => {
    const context = projectContext();
    const tz = { name: "tz", accountId: "123456789012", region: "eu-west-1" };
    const shadowed = { ...tz, name: "tz-orchestra", region: "eu-west-2" };
    expect(problemsOf({ ...context, environments: [tz, shadowed] })).toEqual([
      expect.stringContaining('context.environments.1.name = "tz-orchestra": must not start with "tz-"'),
    ]);
    const otherAccount = { ...shadowed, accountId: "210987654321" };
    expect(problemsOf({ ...context, environments: [tz, otherAccount] })).toEqual([]);
  });

  it("refuses acknowledgements with a malformed rule id, unaddressable resources and without a reason", () => {
    const problems = problemsOf({
      ...projectContext(),
      acknowledgements: [{ rule: "s3 versioning", resource: "aws_s3_bucket.this", reason: "ok" }],
    });
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(
      /^context\.acknowledgements\.0\.rule = "s3 versioning": must be a security rule id such as S3\.Versioning/,
    );
    expect(problems[1]).toContain("must be <stack>/<address>");
    expect(problems[2]).toContain("context.acknowledgements.0.reason");
  });

  it("accepts a complete acknowledgement", () => {
    const acknowledgements = [
      {
        rule: "S3.Versioning",
        resource: "logs/aws_s3_bucket.this",
        reason: "access logs expire after 7 days",
      },
    ];
    expect(problemsOf({ ...projectContext(), acknowledgements })).toEqual([]);
  });

  it("cuts very long values so each problem stays one line", () => {
    const problems = problemsOf({ ...projectContext(), repositoryUrl: "x".repeat(500) });
    expect(problems[0]).toContain(`context.repositoryUrl = "${"x".repeat(76)}...: must be a git URL`);
    expect(problems[0]).not.toContain("x".repeat(77));
    expect(problems[0]).not.toContain("\n");
  });
});
