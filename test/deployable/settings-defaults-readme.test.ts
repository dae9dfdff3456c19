import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseSettings } from "../../lib/config/load-settings";
import { environmentStateKeyPrefix } from "../../lib/config/schema";
import { environmentBucketName, environmentLockTableName } from "../../lib/stacks/deployable/bootstrap-stack";

/**
 * README's settings tables say what each default is; the code decides it. This reads the tables and
 * checks every literal or templated default against what the schema and the stacks produce.
 */
const README = readFileSync(join(__dirname, "..", "..", "README.md"), "utf8");

/** `| \`key\` | \`default\` | ...` rows whose default is code: key -> default text. */
function documentedDefaults(): Map<string, string> {
  const rows = new Map<string, string>();
  for (const match of README.matchAll(/^\| `([A-Za-z]+)` \| `([^`]+)` \|/gm)) rows.set(match[1], match[2]);
  return rows;
}

const settings = parseSettings({
  repositoryUrl: "https://git.example.com/infra/modules.git",
  examples: {
    environmentName: "tz",
    accountId: "123456789012",
    region: "eu-west-1",
    stateKeyPrefix: "tz/v1/",
    trustedPrincipalArns: ["arn:aws:iam::123456789012:role/platform-ci"],
  },
  environments: [{ name: "billing", accountId: "210987654321", region: "us-east-1" }],
});
const env = settings.environments[0];
const bucket = environmentBucketName(env);
const fill = (template: string): string =>
  template
    .replace("<name>", env.name)
    .replace("<accountId>", env.accountId)
    .replace("<region>", env.region)
    .replace("<bucket>", bucket);

const CODE_DEFAULTS: Readonly<Record<string, string>> = {
  stateBucketName: bucket,
  lockTableName: environmentLockTableName(env),
  stateKeyPrefix: environmentStateKeyPrefix(env),
  lockMode: env.lockMode,
  encryption: env.encryption,
};

test("every default README's environment table states is the one the code applies", () => {
  const documented = documentedDefaults();
  for (const [key, value] of Object.entries(CODE_DEFAULTS)) {
    expect([key, documented.has(key) ? fill(documented.get(key) ?? "") : "missing"]).toEqual([key, value]);
  }
});

test("README states the default hashicorp/aws range the stacks accept", () => {
  expect(README).toContain(`default \`${settings.awsProviderVersion}\``);
});
