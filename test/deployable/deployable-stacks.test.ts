import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { App, Testing, type TerraformStack } from "cdktf";
import { parseSettings } from "../../lib/config/load-settings";
import type { ModuleVersions } from "../../lib/config/module-versions";
import { buildDeployableStacks } from "../../lib/stacks/build-deployable-stacks";

const examples = {
  environmentName: "tz",
  accountId: "123456789012",
  region: "eu-west-1",
  stateKeyPrefix: "tz/v1/",
  trustedPrincipalArns: ["arn:aws:iam::123456789012:role/platform-ci"],
};
const settingsWith = (environments: unknown[]) =>
  parseSettings({ repositoryUrl: "https://git.example.com/infra/modules.git", examples, environments });

const settings = settingsWith([
  { name: "tz", accountId: "123456789012", region: "eu-west-1" },
  {
    name: "prod",
    accountId: "210987654321",
    region: "us-east-1",
    stateBucketName: "prod-tfstate",
    trustedPrincipalArns: ["arn:aws:iam::210987654321:role/prod-ci"],
  },
]);
const versions: ModuleVersions = {
  modules: { "min-provisioner": { version: "1.2.0", tag: "min-provisioner-v1.2.0", moved: [] } },
};
const PROJECT = mkdtempSync(join(tmpdir(), "stm-deployable-"));
const OUTDIR = join(PROJECT, "cdktf.out");
afterAll(() => rmSync(PROJECT, { recursive: true, force: true }));

/** prod's bootstrap as `cdktf deploy` leaves it: its local state holds the key it created. */
const PROD_KEY = "arn:aws:kms:us-east-1:210987654321:key/6a1e2b3c-4d5e-4f60-8a7b-9c0d1e2f3a4b";
const PROD_BOOTSTRAP_STATE = join(PROJECT, "terraform.bootstrap-prod-210987654321-us-east-1.tfstate");
const deployProdBootstrap = () =>
  writeFileSync(
    PROD_BOOTSTRAP_STATE,
    JSON.stringify({
      version: 4,
      outputs: { kms_key_arn: { value: PROD_KEY, type: "string" } },
      resources: [],
    }),
  );
beforeEach(deployProdBootstrap);

interface Synthesized {
  terraform: { backend: Record<string, Record<string, unknown>> };
  provider: { aws: Array<Record<string, unknown>> };
  module: Record<string, Record<string, unknown>>;
  output: Record<string, { value: string }>;
}
const synth = (stack: TerraformStack): Synthesized => JSON.parse(Testing.synth(stack)) as Synthesized;
const build = (from = settings, withVersions: ModuleVersions = versions) =>
  buildDeployableStacks(new App({ outdir: OUTDIR }), from, { projectRoot: PROJECT, versions: withVersions });
const stackNamed = (from: ReturnType<typeof build>, name: string): Synthesized => {
  const stack = from.stacks.find((candidate) => candidate.node.id === name);
  if (!stack) throw new Error(`no stack ${name} in ${from.stacks.map((s) => s.node.id).join(", ")}`);
  return synth(stack);
};

describe("deployable stacks", () => {
  it("a bootstrap per environment, a provisioner per environment that names its principals", () => {
    expect(build().stacks.map((stack) => stack.node.id)).toEqual([
      "bootstrap-tz-123456789012-eu-west-1",
      "bootstrap-prod-210987654321-us-east-1",
      "provisioner-prod-210987654321-us-east-1",
    ]);
  });

  it("says in one line which environment has no provisioner and why, then lists the deployable stacks", () => {
    expect(build().notices).toEqual([
      'No provisioner stack for environment "tz" (123456789012, eu-west-1): set context.environments.0.trustedPrincipalArns in cdktf.json to create provisioner-tz-123456789012-eu-west-1.',
      "Deployable stacks: bootstrap-tz-123456789012-eu-west-1, bootstrap-prod-210987654321-us-east-1, provisioner-prod-210987654321-us-east-1 (before `cdktf deploy <stack>`, run `npm run preflight -- <stack>`).",
    ]);
  });

  it("leaves every provisioner out until min-provisioner has a published tag, and says so", () => {
    const unpublished = build(settings, { modules: {} });
    expect(unpublished.stacks.map((stack) => stack.node.id)).toEqual([
      "bootstrap-tz-123456789012-eu-west-1",
      "bootstrap-prod-210987654321-us-east-1",
    ]);
    expect(unpublished.notices).toContain(
      "No provisioner stacks yet: min-provisioner has no published tag in module-versions.json. Run `npm run publish -- min-provisioner`, then synth again.",
    );
  });

  it("bootstrap: local state, provider pinned to the account and region, state-backend from modules-out by path", () => {
    const tz = stackNamed(build(), "bootstrap-tz-123456789012-eu-west-1");
    expect(tz.terraform.backend).toEqual({
      local: { path: join(PROJECT, "terraform.bootstrap-tz-123456789012-eu-west-1.tfstate") },
    });
    expect(tz.provider.aws).toEqual([{ region: "eu-west-1", allowed_account_ids: ["123456789012"] }]);
    const module = tz.module.state_backend;
    const stackDir = join(OUTDIR, "stacks", "bootstrap-tz-123456789012-eu-west-1");
    expect(resolve(stackDir, String(module.source))).toBe(
      join(PROJECT, "modules-out", "hcl", "state-backend"),
    );
    expect(tz.output.backend_config.value).toBe("${module.state_backend.backend_config}");
  });

  it("bootstrap: the environment's own settings, with the names and tag the state_backend deploy policy expects", () => {
    const ledger = settingsWith([
      {
        name: "ledger",
        accountId: "310987654321",
        region: "us-west-2",
        lockMode: "both",
        encryption: "sse-s3",
      },
    ]);
    const { module } = stackNamed(build(ledger), "bootstrap-ledger-310987654321-us-west-2");
    expect(module.state_backend).toMatchObject({
      bucket_name: "ledger-state-310987654321-us-west-2",
      encryption: "sse-s3",
      lock_mode: "both",
      // <bucket_name>-locks: the module's default, and the name the state_backend deploy policy scopes.
      lock_table_name: "ledger-state-310987654321-us-west-2-locks",
      state_key_prefix: "ledger/v1/",
      // Tags Environment = ledger: without it the state_backend deploy policy refuses to create the key.
      environment_name: "ledger",
    });
    const prod = stackNamed(build(), "bootstrap-prod-210987654321-us-east-1");
    expect(prod.module.state_backend).toMatchObject({
      bucket_name: "prod-tfstate",
      encryption: "kms",
      lock_mode: "lockfile",
    });
  });

  it("provisioner: min-provisioner by git tag, trusting only its environment's principals", () => {
    const provisioner = stackNamed(build(), "provisioner-prod-210987654321-us-east-1");
    expect(provisioner.module.min_provisioner).toMatchObject({
      source:
        "git::https://git.example.com/infra/modules.git//modules-out/hcl/min-provisioner?ref=min-provisioner-v1.2.0",
      environment_name: "prod",
      trusted_principal_arns: ["arn:aws:iam::210987654321:role/prod-ci"],
      // The bucket the bootstrap created, so the state_backend profile may manage it.
      state_bucket_name: "prod-tfstate",
    });
    expect(provisioner.provider.aws).toEqual([
      { region: "us-east-1", allowed_account_ids: ["210987654321"] },
    ]);
  });

  it("provisioner: refused by name, with the command that fixes it, until its bootstrap's key is known", () => {
    rmSync(PROD_BOOTSTRAP_STATE);
    const plan = build();
    expect(plan.stacks.map((stack) => stack.node.id)).not.toContain(
      "provisioner-prod-210987654321-us-east-1",
    );
    expect(plan.notices).toContain(
      "No provisioner stack provisioner-prod-210987654321-us-east-1 yet: its state key is unknown until bootstrap-prod-210987654321-us-east-1 is deployed. Run `npx cdktf deploy bootstrap-prod-210987654321-us-east-1` (its kms_key_arn is then read from terraform.bootstrap-prod-210987654321-us-east-1.tfstate), or set context.environments.1.stateKmsKeyArn in cdktf.json.",
    );
    // No stack anywhere names a key that does not exist.
    for (const stack of plan.stacks) expect(Testing.synth(stack)).not.toMatch(/key\/0{8}-/);
  });

  it("provisioner: an SSE-S3 environment needs no key, so its provisioner is there before any deploy", () => {
    rmSync(PROD_BOOTSTRAP_STATE);
    const sse = settingsWith([
      {
        name: "prod",
        accountId: "210987654321",
        region: "us-east-1",
        encryption: "sse-s3",
        trustedPrincipalArns: ["arn:aws:iam::210987654321:role/prod-ci"],
      },
    ]);
    const backend = stackNamed(build(sse), "provisioner-prod-210987654321-us-east-1").terraform.backend.s3;
    expect(backend.kms_key_id).toBeUndefined();
  });

  it("deployable stacks accept hashicorp/aws 5.100 and 6.x by default, and the setting's range when given", () => {
    const version = (from: ReturnType<typeof build>, name: string) =>
      (
        stackNamed(from, name) as unknown as {
          terraform: { required_providers: { aws: { version: string } } };
        }
      ).terraform.required_providers.aws.version;
    for (const name of ["bootstrap-prod-210987654321-us-east-1", "provisioner-prod-210987654321-us-east-1"])
      expect(version(build(), name)).toBe(">= 5.100, < 7.0");
    const pinned = parseSettings({
      repositoryUrl: "https://git.example.com/infra/modules.git",
      examples,
      environments: [{ name: "tz", accountId: "123456789012", region: "eu-west-1" }],
      awsProviderVersion: "~> 6.0",
    });
    expect(version(build(pinned), "bootstrap-tz-123456789012-eu-west-1")).toBe("~> 6.0");
  });

  it("provisioner: state in its own environment's bucket and prefix, lock files, the key its bootstrap created", () => {
    expect(stackNamed(build(), "provisioner-prod-210987654321-us-east-1").terraform.backend.s3).toEqual({
      bucket: "prod-tfstate",
      key: "prod/v1/provisioner/terraform.tfstate",
      workspace_key_prefix: "prod/v1/env",
      region: "us-east-1",
      encrypt: true,
      kms_key_id: PROD_KEY,
      use_lockfile: true,
    });
  });

  it("provisioner: stateKmsKeyArn, lockMode, encryption, stateKeyPrefix, deployProfiles and permissionsBoundaryArn reach it", () => {
    const key = "arn:aws:kms:us-west-2:310987654321:key/1234abcd-12ab-44cd-a6ef-1234567890ab";
    const boundary = "arn:aws:iam::310987654321:policy/deploy-boundary";
    const base = {
      name: "ledger",
      accountId: "310987654321",
      region: "us-west-2",
      trustedPrincipalArns: ["arn:aws:iam::310987654321:role/ledger-ci"],
      stateKeyPrefix: "ledger/state/",
    };
    const kms = stackNamed(
      build(
        settingsWith([
          {
            ...base,
            stateKmsKeyArn: key,
            lockMode: "dynamodb",
            deployProfiles: ["state_backend", "min_provisioner"],
            permissionsBoundaryArn: boundary,
          },
        ]),
      ),
      "provisioner-ledger-310987654321-us-west-2",
    );
    expect(kms.terraform.backend.s3).toEqual({
      bucket: "ledger-state-310987654321-us-west-2",
      key: "ledger/state/provisioner/terraform.tfstate",
      workspace_key_prefix: "ledger/state/env",
      region: "us-west-2",
      encrypt: true,
      kms_key_id: key,
      dynamodb_table: "ledger-state-310987654321-us-west-2-locks",
    });
    expect(kms.module.min_provisioner).toMatchObject({
      deploy_profiles: ["state_backend", "min_provisioner"],
      permissions_boundary_arn: boundary,
    });
    const sseS3 = stackNamed(
      build(settingsWith([{ ...base, encryption: "sse-s3", lockMode: "both" }])),
      "provisioner-ledger-310987654321-us-west-2",
    );
    expect(sseS3.terraform.backend.s3).toEqual({
      bucket: "ledger-state-310987654321-us-west-2",
      key: "ledger/state/provisioner/terraform.tfstate",
      workspace_key_prefix: "ledger/state/env",
      region: "us-west-2",
      encrypt: true,
      dynamodb_table: "ledger-state-310987654321-us-west-2-locks",
      use_lockfile: true,
    });
    // Unset keys stay the module's defaults: nothing is passed for them.
    expect(Object.keys(sseS3.module.min_provisioner).sort()).toEqual([
      "environment_name",
      "source",
      "trusted_principal_arns",
    ]);
  });
});
