import { readFileSync, rmSync, writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadSettings } from "../../lib/config/load-settings";
import { problemsOf } from "./problems-of";

const projectConfig = () => JSON.parse(readFileSync(join(__dirname, "../../cdktf.json"), "utf8"));

const env = (overrides: Record<string, unknown> = {}) => ({
  name: "tz",
  accountId: "123456789012",
  region: "eu-west-1",
  ...overrides,
});
const withEnvironments = (...environments: object[]) => ({ ...projectConfig().context, environments });

describe("settings AWS would refuse are refused, one line each", () => {
  it.each([
    ["us-east-9", /must be a region AWS lists .*did you mean "us-east-1"\?/],
    [
      "xx-fake-1",
      /must be a region AWS lists in partitions aws, aws-cn, aws-us-gov \(@aws-sdk\/core [0-9.]+ lists [0-9]+\); fix the spelling/,
    ],
    ["us-iso-east-1", /is a region of partition aws-iso, which these modules do not support/],
  ])("environments[].region %j", (region, rule) => {
    const problems = problemsOf(withEnvironments(env({ region })));
    expect(problems).toEqual([expect.stringContaining(`context.environments.0.region = "${region}": `)]);
    expect(problems[0]).toMatch(rule);
  });

  it("examples.region us-east-9", () => {
    const context = projectConfig().context;
    expect(problemsOf({ ...context, examples: { ...context.examples, region: "us-east-9" } })).toEqual([
      expect.stringMatching(/^context\.examples\.region = "us-east-9": must be a region AWS lists/),
    ]);
  });

  it("accepts regions of every supported partition", () => {
    const regions = ["eu-west-1", "cn-north-1", "us-gov-west-1", "ap-southeast-2", "mx-central-1"];
    expect(problemsOf(withEnvironments(...regions.map((region) => env({ region }))))).toEqual([]);
  });

  it.each([
    ["tz..state", "must not contain two adjacent periods ('..')"],
    ["xn--tzstate", 'must not start with "xn--" (AWS reserves'],
    ["tzstate-s3alias", 'must not end with "-s3alias" (AWS reserves'],
    ["192.168.1.1", "must not be formatted as an IP address"],
  ])("explicit stateBucketName %j: %s", (stateBucketName, rule) => {
    const problems = problemsOf(withEnvironments(env({ stateBucketName })));
    expect(problems).toHaveLength(1);
    expect(
      problems[0].startsWith(`context.environments.0.stateBucketName = "${stateBucketName}": ${rule}`),
    ).toBe(true);
    expect(
      problems[0].endsWith(
        '; choose another bucket name, for example "stateBucketName": "tz-state-123456789012-eu-west-1"',
      ),
    ).toBe(true);
  });

  it("derived bucket names get the same rules (an IP-shaped or '..' name cannot be derived, a reserved prefix can)", () => {
    expect(problemsOf(withEnvironments(env({ name: "xn--tz" })))[0]).toContain(
      'derives the state bucket name "xn--tz-state-123456789012-eu-west-1", which must not start with "xn--"',
    );
  });

  it("accepts a plain explicit bucket and lock table", () => {
    expect(
      problemsOf(withEnvironments(env({ stateBucketName: "tz-state.example", lockTableName: "tz.locks" }))),
    ).toEqual([]);
  });

  it("refuses two environments with one explicit bucket, naming both (S3 names are global)", () => {
    const problems = problemsOf(
      withEnvironments(
        env({ stateBucketName: "shared-state" }),
        env({ accountId: "210987654321", region: "eu-west-2", stateBucketName: "shared-state" }),
      ),
    );
    expect(problems).toEqual([
      'context.environments.1.stateBucketName = "shared-state": is also the state bucket of context.environments.0 ("tz", account 123456789012 in eu-west-1) in partition aws: S3 bucket names are unique in a partition, so two bootstraps cannot both create it; give each environment its own stateBucketName, for example "stateBucketName": "tz-state-123456789012-eu-west-1"',
    ]);
  });

  it("refuses an explicit bucket that is another environment's derived bucket", () => {
    const problems = problemsOf(
      withEnvironments(env(), env({ name: "ab", stateBucketName: "tz-state-123456789012-eu-west-1" })),
    );
    expect(problems[0]).toMatch(
      /^context\.environments\.1\.stateBucketName = "tz-state-123456789012-eu-west-1": is also the state bucket of context\.environments\.0 \("tz"/,
    );
  });

  it("refuses two environments with one explicit lock table in one account and region, not across them", () => {
    const shared = { lockTableName: "tf-locks", lockMode: "dynamodb" };
    expect(problemsOf(withEnvironments(env(shared), env({ name: "ab", ...shared })))).toEqual([
      'context.environments.1.lockTableName = "tf-locks": is also the lock table of context.environments.0 ("tz", account 123456789012 in eu-west-1) in account 123456789012 in eu-west-1: DynamoDB table names are unique in an account and region, so two bootstraps cannot both create it; give each environment its own lockTableName, for example "lockTableName": "tz-state-locks"',
    ]);
    expect(problemsOf(withEnvironments(env(shared), env({ ...shared, region: "eu-west-2" })))).toEqual([]);
  });
});

describe("an environmentsFile gets the same checks", () => {
  it.each([
    [
      [env({ region: "us-east-9" })],
      'context.environments.0.region = "us-east-9": must be a region AWS lists',
    ],
    [[env({ stateBucketName: "192.168.1.1" })], "must not be formatted as an IP address"],
    [
      [env({ stateBucketName: "same-bucket" }), env({ name: "ab", stateBucketName: "same-bucket" })],
      "is also the state bucket of context.environments.0",
    ],
  ])("%j", (environments, expected) => {
    const dir = mkdtempSync(join(tmpdir(), "stm-aws-refuses-"));
    try {
      const config = projectConfig();
      delete config.context.environments;
      config.context.environmentsFile = "environments.json";
      writeFileSync(join(dir, "cdktf.json"), JSON.stringify(config));
      writeFileSync(join(dir, "environments.json"), JSON.stringify(environments));
      expect(() => loadSettings(dir)).toThrow(expected);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
