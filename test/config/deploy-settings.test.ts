import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseSettings } from "../../lib/config/load-settings";
import { environmentStateKeyPrefix } from "../../lib/config/schema";
import {
  LOCK_MODES as SETTING_LOCK_MODES,
  STATE_ENCRYPTIONS as SETTING_ENCRYPTIONS,
} from "../../lib/config/deploy-settings";
import { LOCK_MODES, STATE_ENCRYPTIONS } from "../../lib/constructs/state-backend";
import { problemsOf } from "./problems-of";

const projectContext = (): Record<string, unknown> =>
  JSON.parse(readFileSync(join(__dirname, "../../cdktf.json"), "utf8")).context;

const PAYMENTS = { name: "payments", accountId: "210987654321", region: "eu-central-1" };
const payments = (overrides: Record<string, unknown>) => ({
  ...projectContext(),
  environments: [{ ...PAYMENTS, ...overrides }],
});
const OWN_ROLE = "arn:aws:iam::210987654321:role/payments-ci";
const BOUNDARY = "arn:aws:iam::210987654321:policy/deploy-boundary";
const OWN_KEY = "arn:aws:kms:eu-central-1:210987654321:key/1234abcd-12ab-44cd-a6ef-1234567890ab";

describe("per-environment deploy settings: refused by name", () => {
  it.each([
    [
      "a wildcard principal",
      { trustedPrincipalArns: ["arn:aws:iam::210987654321:role/*"] },
      'context.environments.0.trustedPrincipalArns.0 = "arn:aws:iam::210987654321:role/*": must be an IAM principal ARN without wildcards',
    ],
    [
      "a principal of an account the user did not name (the shipped example's)",
      { trustedPrincipalArns: [OWN_ROLE, "arn:aws:iam::123456789012:role/platform-ci"] },
      'context.environments.0.trustedPrincipalArns.1 = "arn:aws:iam::123456789012:role/platform-ci": names account 123456789012, which is neither this environment\'s account (210987654321) nor listed in its trustedAccountIds',
    ],
    [
      "an empty principal list",
      { trustedPrincipalArns: [] },
      "context.environments.0.trustedPrincipalArns = []: must list at least one principal ARN",
    ],
    [
      "an unknown lock mode",
      { lockMode: "redis" },
      'context.environments.0.lockMode = "redis": must be one of lockfile, dynamodb, both',
    ],
    [
      "an unknown encryption",
      { encryption: "aes" },
      'context.environments.0.encryption = "aes": must be one of kms, sse-s3',
    ],
    [
      "a state key that is not a KMS key ARN",
      { stateKmsKeyArn: "alias/state" },
      'context.environments.0.stateKmsKeyArn = "alias/state": must be a KMS key ARN',
    ],
    [
      "a state key of another account",
      { stateKmsKeyArn: OWN_KEY.replace("210987654321", "310987654321") },
      "must be a key of this environment's account and region (arn:aws:kms:eu-central-1:210987654321:key/...)",
    ],
    [
      "a state key with SSE-S3 encryption",
      { stateKmsKeyArn: OWN_KEY, encryption: "sse-s3" },
      'is set while encryption is "sse-s3", which creates no key',
    ],
    [
      "an unknown deploy profile",
      { deployProfiles: ["everything"] },
      'context.environments.0.deployProfiles.0 = "everything": must be one of state_backend, aurora_cluster, ecs_compute, min_provisioner',
    ],
    [
      "a profile listed twice",
      { deployProfiles: ["ecs_compute", "ecs_compute"] },
      'context.environments.0.deployProfiles.1 = "ecs_compute": lists "ecs_compute" twice',
    ],
    [
      "min_provisioner without a permissions boundary",
      { deployProfiles: ["min_provisioner"] },
      'context.environments.0.deployProfiles = ["min_provisioner"]: includes "min_provisioner", which lets the role rewrite its own policies; set permissionsBoundaryArn',
    ],
    [
      "a boundary that is not a managed policy",
      { permissionsBoundaryArn: "arn:aws:iam::210987654321:role/x" },
      'context.environments.0.permissionsBoundaryArn = "arn:aws:iam::210987654321:role/x": must be a managed policy ARN',
    ],
    [
      "a trusted account id that is not 12 digits",
      { trustedAccountIds: ["4444"] },
      'context.environments.0.trustedAccountIds.0 = "4444": must be exactly 12 digits',
    ],
  ])("%s", (_what, overrides, expected) => {
    const problems = problemsOf(payments(overrides));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(expected);
  });

  it("says where the top-level stateKeyPrefix went", () => {
    expect(problemsOf({ ...projectContext(), stateKeyPrefix: "tz/v1/" })).toEqual([
      expect.stringContaining(
        'context.stateKeyPrefix = "tz/v1/": unknown key (allowed here: repositoryUrl, examples, environments, environmentsFile, acknowledgements, awsProviderVersion); it moved into each environment (context.environments[].stateKeyPrefix, default <name>/v1/)',
      ),
    ]);
  });
});

describe("per-environment deploy settings: accepted", () => {
  it("principals of the environment's account, or of an account it names in trustedAccountIds", () => {
    expect(
      problemsOf(payments({ trustedPrincipalArns: [OWN_ROLE, "arn:aws:iam::210987654321:root"] })),
    ).toEqual([]);
    expect(
      problemsOf(
        payments({
          trustedPrincipalArns: ["arn:aws:sts::444455556666:assumed-role/ci/runner"],
          trustedAccountIds: ["444455556666"],
        }),
      ),
    ).toEqual([]);
  });

  it("a key of its own account and region, min_provisioner under a boundary", () => {
    const settings = parseSettings(
      payments({
        stateKmsKeyArn: OWN_KEY,
        deployProfiles: ["state_backend", "min_provisioner"],
        permissionsBoundaryArn: BOUNDARY,
      }),
    );
    expect(settings.environments[0]).toMatchObject({
      stateKmsKeyArn: OWN_KEY,
      permissionsBoundaryArn: BOUNDARY,
    });
  });

  it("in China and GovCloud: the key and the boundary of that partition", () => {
    for (const [partition, region] of [
      ["aws-cn", "cn-north-1"],
      ["aws-us-gov", "us-gov-west-1"],
    ]) {
      const key = `arn:${partition}:kms:${region}:210987654321:key/1234abcd-12ab-44cd-a6ef-1234567890ab`;
      const boundary = `arn:${partition}:iam::210987654321:policy/deploy-boundary`;
      const context = payments({ region, stateKmsKeyArn: key, permissionsBoundaryArn: boundary });
      expect(problemsOf(context)).toEqual([]);
      // The same key named in the default partition is another account's key, in effect: refused.
      const wrong = payments({ region, stateKmsKeyArn: key.replace(`arn:${partition}:`, "arn:aws:") });
      expect(problemsOf(wrong)).toEqual([
        expect.stringContaining("must be a key of this environment's account and region"),
      ]);
    }
  });

  it("defaults: lock files, KMS, state under <name>/v1/, no provisioner trust", () => {
    const [env] = parseSettings(payments({})).environments;
    expect(env).toMatchObject({ lockMode: "lockfile", encryption: "kms" });
    expect(env.trustedPrincipalArns).toBeUndefined();
    expect(environmentStateKeyPrefix(env)).toBe("payments/v1/");
    expect(environmentStateKeyPrefix({ ...env, stateKeyPrefix: "team/payments/" })).toBe("team/payments/");
  });

  it("offers exactly the lock modes and encryptions of the state-backend module", () => {
    expect([...SETTING_LOCK_MODES]).toEqual([...LOCK_MODES]);
    expect([...SETTING_ENCRYPTIONS]).toEqual([...STATE_ENCRYPTIONS]);
  });
});
