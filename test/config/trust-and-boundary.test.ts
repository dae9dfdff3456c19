import { readFileSync } from "node:fs";
import { join } from "node:path";
import { problemsOf } from "./problems-of";

const projectConfig = () => JSON.parse(readFileSync(join(__dirname, "../../cdktf.json"), "utf8"));
const env = (overrides: Record<string, unknown> = {}) => ({
  name: "tz",
  accountId: "123456789012",
  region: "eu-west-1",
  ...overrides,
});
const problemsFor = (overrides: Record<string, unknown>) =>
  problemsOf({ ...projectConfig().context, environments: [env(overrides)] });

// Issue 24 item 8: values AWS refuses, or that protect nothing, were accepted at synth.
describe("trusted principals and boundaries AWS refuses, or that protect nothing, are refused by name", () => {
  it("a trusted principal of another partition", () => {
    expect(problemsFor({ trustedPrincipalArns: ["arn:aws-cn:iam::123456789012:role/ci"] })).toEqual([
      expect.stringMatching(
        /^context\.environments\.0\.trustedPrincipalArns\.0 = "arn:aws-cn:iam::123456789012:role\/ci": is in partition aws-cn, .*eu-west-1 \(partition aws\).*use an arn:aws: principal, for example "arn:aws:iam::123456789012:role\/platform-ci"$/,
      ),
    ]);
  });

  it("a trusted role name of 65 characters (64 is accepted)", () => {
    const arn = (length: number) => `arn:aws:iam::123456789012:role/ci/${"r".repeat(length)}`;
    expect(problemsFor({ trustedPrincipalArns: [arn(64)] })).toEqual([]);
    expect(problemsFor({ trustedPrincipalArns: [arn(65)] })).toEqual([
      expect.stringMatching(
        /trustedPrincipalArns\.0 = .*65 characters: IAM role and user names are at most 64/,
      ),
    ]);
  });

  it("more trusted roles than fit IAM's 2,048-character trust policy", () => {
    const roles = (count: number) =>
      Array.from({ length: count }, (_, i) => `arn:aws:iam::123456789012:role/ci-${i}`);
    // {"Version":"2012-10-17","Statement":[{"Sid":"TrustedPrincipalsAssumeRole","Effect":"Allow",
    // "Principal":{"AWS":[...]},"Action":["sts:AssumeRole"]}]} is 133 characters + 36 or 37 per role.
    expect(problemsFor({ trustedPrincipalArns: roles(40) })).toEqual([]);
    const problems = problemsFor({ trustedPrincipalArns: roles(300) });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(
      /trustedPrincipalArns.*300 principals make a trust policy of \d{5} characters, over IAM's limit of 2048/,
    );
  });

  it.each([
    ["another account", "arn:aws:iam::999999999999:policy/boundary", /is a policy of account 999999999999/],
    ["another partition", "arn:aws-us-gov:iam::123456789012:policy/boundary", /is in partition aws-us-gov/],
    ["AWS managed AdministratorAccess", "arn:aws:iam::aws:policy/AdministratorAccess", /caps nothing/],
    ["AWS managed PowerUserAccess", "arn:aws:iam::aws:policy/PowerUserAccess", /caps nothing/],
    ["AWS managed IAMFullAccess", "arn:aws:iam::aws:policy/IAMFullAccess", /caps nothing/],
  ])("a permissions boundary of %s", (_what, permissionsBoundaryArn, rule) => {
    const problems = problemsFor({ permissionsBoundaryArn });
    expect(problems).toEqual([expect.stringContaining("context.environments.0.permissionsBoundaryArn = ")]);
    expect(problems[0]).toMatch(rule);
  });

  it("a boundary that caps nothing is accepted once acknowledged, and its own account's policy always", () => {
    expect(
      problemsFor({
        permissionsBoundaryArn: "arn:aws:iam::aws:policy/PowerUserAccess",
        permissionsBoundaryAcknowledged: "sandbox account, no IAM users exist",
      }),
    ).toEqual([]);
    expect(problemsFor({ permissionsBoundaryArn: "arn:aws:iam::123456789012:policy/boundary" })).toEqual([]);
    expect(problemsFor({ permissionsBoundaryArn: "arn:aws:iam::aws:policy/ReadOnlyAccess" })).toEqual([]);
  });
});
