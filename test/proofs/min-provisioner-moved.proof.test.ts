import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { awsDescribe, startLocalAws, type LocalAws } from "../support/local-aws";
import { requireTerraform } from "../support/terraform";

/**
 * The last commit whose min-provisioner held its deploy policies as one for_each resource
 * (`aws_iam_policy.this["<profile>-<n>"]`), as users who applied it have them in their state.
 */
const FOR_EACH_LAYOUT_COMMIT = "63918f5";
const REPO = join(__dirname, "..", "..");
const MODULE = "min-provisioner";

/**
 * Every profile, so every part exists in the old state (min_provisioner needs a boundary); names per
 * flavour, as both run against one moto.
 */
const root = (flavour: string): string => `
resource "aws_iam_policy" "boundary" {
  name   = "tz-boundary-${flavour}"
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = ["s3:*"], Resource = ["*"] }] })
}

module "under_test" {
  source                   = "./module"
  environment_name         = "tz"
  role_name                = "Provisioner-${flavour}"
  trusted_principal_arns   = ["arn:aws:iam::123456789012:root"]
  deploy_profiles          = ["state_backend", "aurora_cluster", "ecs_compute", "min_provisioner"]
  permissions_boundary_arn = aws_iam_policy.boundary.arn
}

output "policy_arns" {
  value = module.under_test.policy_arns
}
`;

interface ResourceChange {
  readonly address: string;
  readonly previous_address?: string;
  readonly change: { readonly actions: readonly string[] };
}

/** Writes the module as it was at `commit` (git), or as it is in the working tree, into `dir`. */
function writeModule(dir: string, flavour: string, commit?: string): void {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const path = `modules-out/${flavour}/${MODULE}`;
  if (!commit) {
    cpSync(join(REPO, path), dir, { recursive: true });
    return;
  }
  const archive = execFileSync("git", ["-C", REPO, "archive", commit, path], { maxBuffer: 1 << 26 });
  execFileSync("tar", ["-x", "-C", dir, "--strip-components=3"], { input: archive });
}

awsDescribe("min-provisioner: upgrading from the for_each layout", () => {
  let aws: LocalAws;
  let dir: string;
  beforeAll(async () => {
    aws = await startLocalAws();
  });
  afterAll(async () => {
    await aws.stop();
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test.each(["hcl", "json"])(
    "%s: the moved blocks carry every policy and attachment to its part; nothing is destroyed, created or replaced",
    (flavour) => {
      dir = mkdtempSync(join(tmpdir(), "min-provisioner-moved-"));
      const env = aws.terraformEnv();
      const run = (...args: string[]) =>
        spawnSync(requireTerraform(), [`-chdir=${dir}`, ...args, "-no-color"], { env, encoding: "utf8" });
      writeFileSync(join(dir, "main.tf"), root(flavour));
      writeModule(join(dir, "module"), flavour, FOR_EACH_LAYOUT_COMMIT);
      expect(run("init", "-input=false").status).toBe(0);
      const apply = run("apply", "-auto-approve", "-input=false");
      expect(apply.stderr).toBe("");
      const before = JSON.parse(run("output", "-json").stdout) as { policy_arns: { value: object } };

      writeModule(join(dir, "module"), flavour);
      const plan = run("plan", "-input=false", "-out=upgrade.plan");
      expect(plan.stderr).toBe("");
      const shown = JSON.parse(run("show", "-json", "upgrade.plan").stdout) as {
        resource_changes: ResourceChange[];
        planned_values: { outputs: { policy_arns: { value: object } } };
      };
      const changes = shown.resource_changes.filter((c) => c.address.startsWith("module.under_test."));
      const moved = changes.filter((c) => c.previous_address !== undefined);
      // 6 policies and 6 attachments (every part of every profile) moved, each a no-op.
      expect(moved).toHaveLength(12);
      for (const change of moved) {
        expect(change.previous_address).toMatch(/\.this\["[a-z_]+-\d"\]$/);
        expect(change.address).toMatch(/\.[a-z_]+_\d\[0\]$/);
      }
      expect(changes.filter((c) => c.change.actions.join() !== "no-op")).toEqual([]);
      // The output keeps its keys and ARNs.
      expect(shown.planned_values.outputs.policy_arns.value).toEqual(before.policy_arns.value);
      expect(run("destroy", "-auto-approve", "-input=false").status).toBe(0);
    },
    300_000,
  );
});
