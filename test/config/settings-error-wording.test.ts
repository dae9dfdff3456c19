import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { z } from "zod";
import { projectIssueWording } from "../../lib/config/settings-wording";
import { problemsOf } from "./problems-of";

const projectContext = (): Record<string, unknown> =>
  JSON.parse(readFileSync(join(__dirname, "../../cdktf.json"), "utf8")).context;

const withEnvironment = (environment: Record<string, unknown>) => ({
  ...projectContext(),
  environments: [environment],
});

/** The schema library's own words: none of them may reach the user. */
const LIBRARY_WORDING =
  /Invalid input|Invalid option|Invalid string|Too (small|big)|expected \w+, received|Unrecognized key|must match pattern|>=|<=/;

/**
 * Issue 23: problems the schema library worded ("Invalid input: expected string, received
 * undefined") now say, in the project's words, what is wrong, the fix and a valid value.
 */
describe("settings errors: one line with the key path, what is wrong, the fix and an example", () => {
  it("a missing region", () => {
    expect(problemsOf(withEnvironment({ name: "tz", accountId: "123456789012" }))).toEqual([
      'context.environments.0.region = missing: is required (a string, an AWS region name such as eu-west-1 or ap-southeast-2); add it, for example "region": "eu-west-1"',
    ]);
  });

  it("a numeric accountId", () => {
    expect(problemsOf(withEnvironment({ name: "tz", accountId: 123456789012, region: "eu-west-1" }))).toEqual(
      [
        'context.environments.0.accountId = 123456789012: is a number, must be a string of exactly 12 digits, in quotes; write it in that form, for example "accountId": "123456789012"',
      ],
    );
  });

  it("a missing repositoryUrl", () => {
    const context = projectContext();
    delete context.repositoryUrl;
    expect(problemsOf(context)).toEqual([
      'context.repositoryUrl = missing: is required (a git URL Terraform understands (https://, ssh://, git@host:path or file:///)); add it, for example "repositoryUrl": "https://github.com/your-org/secure-tf-modules.git"',
    ]);
  });

  // One case per issue code the schema produces, each with the line's project wording.
  it.each<[string, Record<string, unknown>, string]>([
    [
      "invalid_type (a list that is an object)",
      { ...projectContext(), environments: {} },
      'context.environments = {}: is an object, must be a list of environments, each { name, accountId, region }; write it in that form, for example "environments": [{"name":"tz","accountId":"123456789012","region":"eu-west-1"}]',
    ],
    [
      "invalid_type (a list element of the wrong kind)",
      { ...projectContext(), environments: [5] },
      'context.environments.0 = 5: is a number, must be an object { name, accountId, region, ... }; write it in that form, for example {"name":"tz","accountId":"123456789012","region":"eu-west-1"}',
    ],
    [
      "too_small (an empty list)",
      withEnvironment({ name: "tz", accountId: "123456789012", region: "eu-west-1", deployProfiles: [] }),
      'context.environments.0.deployProfiles = []: must list at least one profile; set it to a value that satisfies this rule, for example "deployProfiles": ["state_backend"]',
    ],
    [
      "too_small (a short string)",
      {
        ...projectContext(),
        acknowledgements: [{ rule: "S3.Versioning", resource: "a/b", reason: "short" }],
      },
      'context.acknowledgements.0.reason = "short": must explain in at least 10 characters why the finding is accepted; set it to a value that satisfies this rule, for example "reason": "kept for compatibility until v2; tracked in PLAT-12"',
    ],
    [
      "invalid_format (a pattern)",
      { ...projectContext(), environmentsFile: "../x.json", environments: undefined },
      'context.environmentsFile = "../x.json": must be a relative path to a .json file inside the project, e.g. environments.json; set it to a value that satisfies this rule, for example "environmentsFile": "environments.json"',
    ],
    [
      "invalid_value (an enum)",
      withEnvironment({ name: "tz", accountId: "123456789012", region: "eu-west-1", encryption: "aes" }),
      'context.environments.0.encryption = "aes": must be one of kms, sse-s3; set it to a value that satisfies this rule, for example "encryption": "kms"',
    ],
    [
      "custom (a refinement with its own fix)",
      withEnvironment({
        name: "tz",
        accountId: "123456789012",
        region: "eu-west-1",
        deployProfiles: ["ecs_compute", "ecs_compute"],
      }),
      'context.environments.0.deployProfiles.1 = "ecs_compute": lists "ecs_compute" twice; list each profile once, for example "state_backend"',
    ],
    [
      "unrecognized_keys (a typo)",
      withEnvironment({ name: "tz", accountId: "123456789012", regoin: "eu-west-1" }),
      'context.environments.0.regoin = "eu-west-1": unknown key (allowed here: name, accountId, region, stateBucketName, lockTableName, stateKeyPrefix, lockMode, encryption, stateKmsKeyArn, trustedPrincipalArns, trustedAccountIds, deployProfiles, permissionsBoundaryArn, permissionsBoundaryAcknowledged); did you mean "region"? remove it or fix its spelling, for example "region": "eu-west-1"',
    ],
  ])("%s", (_kind, context, line) => {
    const problems = problemsOf(context);
    expect(problems).toContain(line);
  });

  it("no line of a context wrong in every way carries the library's wording, and each shows an example", () => {
    const problems = problemsOf({
      repositoryUrl: 7,
      examples: {
        environmentName: 1,
        accountId: null,
        region: [],
        stateKeyPrefix: {},
        trustedPrincipalArns: "x",
      },
      environments: [
        { accountId: "1234567890123", lockMode: 3, trustedPrincipalArns: [4], trustedAccountIds: [5] },
        "tz",
      ],
      acknowledgements: {},
      environmentsFile: false,
    });
    expect(problems.length).toBeGreaterThan(10);
    for (const line of problems) {
      expect(line).not.toMatch(LIBRARY_WORDING);
      expect(line).toMatch(/^context[.\w]* = [^\n]+: [^\n]+, for example [^\n]+$/);
    }
  });

  // Codes this schema cannot produce today (no records, unions or numbers): worded all the same.
  it.each<[string, z.core.$ZodRawIssue]>([
    [
      "not_multiple_of",
      { code: "not_multiple_of", divisor: 5, input: 7, path: ["x"], origin: "number" } as z.core.$ZodRawIssue,
    ],
    [
      "invalid_key",
      { code: "invalid_key", origin: "record", issues: [], input: "k", path: ["x"] } as z.core.$ZodRawIssue,
    ],
    [
      "invalid_element",
      {
        code: "invalid_element",
        origin: "map",
        key: "k",
        issues: [],
        input: 1,
        path: ["x"],
      } as z.core.$ZodRawIssue,
    ],
    [
      "invalid_union",
      { code: "invalid_union", errors: [], input: 1, path: ["region"] } as z.core.$ZodRawIssue,
    ],
    [
      "too_big (a list)",
      {
        code: "too_big",
        origin: "array",
        maximum: 3,
        input: [],
        path: ["deployProfiles"],
      } as z.core.$ZodRawIssue,
    ],
  ])("%s is worded by the project", (_code, issue) => {
    const wording = projectIssueWording(issue);
    expect(wording).not.toMatch(LIBRARY_WORDING);
    expect(wording).toMatch(/^(must|has|matches|is) /);
  });
});
