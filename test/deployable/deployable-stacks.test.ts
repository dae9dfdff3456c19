import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { App, Testing, type TerraformStack } from "cdktf";
import { parseSettings } from "../../lib/config/load-settings";
import type { ModuleVersions } from "../../lib/config/module-versions";
import { buildDeployableStacks } from "../../lib/stacks/build-deployable-stacks";

const settings = parseSettings({
  repositoryUrl: "https://github.com/example-org/secure-tf-modules.git",
  examples: {
    environmentName: "tz",
    accountId: "123456789012",
    region: "eu-west-1",
    stateKeyPrefix: "tz/v1/",
    trustedPrincipalArns: ["arn:aws:iam::123456789012:role/platform-ci"],
  },
  environments: [
    { name: "tz", accountId: "123456789012", region: "eu-west-1" },
    { name: "prod", accountId: "210987654321", region: "us-east-1", stateBucketName: "prod-tfstate" },
  ],
  stateKeyPrefix: "tz/v1/",
});
const versions: ModuleVersions = {
  modules: { "min-provisioner": { version: "1.2.0", tag: "min-provisioner-v1.2.0", moved: [] } },
};
const PROJECT = mkdtempSync(join(tmpdir(), "stm-deployable-"));
const OUTDIR = join(PROJECT, "cdktf.out");
afterAll(() => rmSync(PROJECT, { recursive: true, force: true }));

interface Synthesized {
  terraform: { backend: Record<string, Record<string, unknown>> };
  provider: { aws: Array<Record<string, unknown>> };
  module: Record<string, Record<string, unknown>>;
  output: Record<string, { value: string }>;
}
const synth = (stack: TerraformStack): Synthesized => JSON.parse(Testing.synth(stack)) as Synthesized;

describe("deployable stacks", () => {
  const build = (
    options: { projectRoot: string; versions: ModuleVersions } = { projectRoot: PROJECT, versions },
  ) => buildDeployableStacks(new App({ outdir: OUTDIR }), settings, options);

  it("creates one bootstrap stack per environment and the provisioner", () => {
    expect(build().map((stack) => stack.node.id)).toEqual([
      "bootstrap-tz-123456789012-eu-west-1",
      "bootstrap-prod-210987654321-us-east-1",
      "provisioner",
    ]);
  });

  it("bootstrap: local state, provider pinned to the account and region, state-backend from modules-out by path", () => {
    const [tz, prod] = build().map(synth);
    expect(tz.terraform.backend).toEqual({
      local: { path: join(PROJECT, "terraform.bootstrap-tz-123456789012-eu-west-1.tfstate") },
    });
    expect(tz.provider.aws).toEqual([{ region: "eu-west-1", allowed_account_ids: ["123456789012"] }]);
    const module = tz.module.state_backend;
    const stackDir = join(OUTDIR, "stacks", "bootstrap-tz-123456789012-eu-west-1");
    expect(resolve(stackDir, String(module.source))).toBe(
      join(PROJECT, "modules-out", "hcl", "state-backend"),
    );
    expect(module.bucket_name).toBe("tz-state-123456789012-eu-west-1");
    // Without the Environment tag the state_backend deploy policy refuses to create the KMS key.
    expect(module.tags).toEqual({ Environment: "tz" });
    // The lock table name the state_backend deploy policy scopes to (<env>-state-locks), always passed.
    expect(module.lock_table_name).toBe("tz-state-locks");
    expect(tz.output.backend_config.value).toBe("${module.state_backend.backend_config}");
    expect(prod.module.state_backend.bucket_name).toBe("prod-tfstate");
    expect(prod.provider.aws).toEqual([{ region: "us-east-1", allowed_account_ids: ["210987654321"] }]);
  });

  it("provisioner: min-provisioner by git tag, s3 backend on the bootstrapped bucket with lockfile and KMS", () => {
    const provisioner = synth(build()[2]);
    expect(provisioner.module.min_provisioner).toMatchObject({
      source:
        "git::https://github.com/example-org/secure-tf-modules.git//modules-out/hcl/min-provisioner?ref=min-provisioner-v1.2.0",
      environment_name: "tz",
      trusted_principal_arns: ["arn:aws:iam::123456789012:role/platform-ci"],
    });
    expect(provisioner.terraform.backend.s3).toEqual({
      bucket: "tz-state-123456789012-eu-west-1",
      key: "tz/v1/provisioner/terraform.tfstate",
      workspace_key_prefix: "tz/v1/env",
      region: "eu-west-1",
      encrypt: true,
      kms_key_id: "arn:aws:kms:eu-west-1:123456789012:key/00000000-0000-0000-0000-000000000000",
      use_lockfile: true,
    });
  });

  it("leaves the provisioner out until min-provisioner has a published tag", () => {
    const stacks = build({ projectRoot: PROJECT, versions: { modules: {} } });
    expect(stacks.map((stack) => stack.node.id)).not.toContain("provisioner");
  });
});
