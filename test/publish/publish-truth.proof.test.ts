import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { compileInStacks } from "../support/compile-snippets";
import { requireTerraform, tfTest } from "../support/terraform";

/**
 * The table, replayed as a platform team would: a copy of this project in a temporary git
 * repository, the real regeneration (`tsx main.ts` runs lib/app/generate-modules.ts of the copy,
 * so an edit of the copy's catalogue is what gets generated) and the real CLI (`tsx lib/cli/bin.ts`).
 */
const PROJECT = join(__dirname, "..", "..");
const TSX = join(PROJECT, "node_modules", ".bin", "tsx");
const MODULES = ["state-backend", "state-access-policy", "deploy-policies", "min-provisioner"];
/**
 * A read action of the lock table (the state_backend profile only): a read action on S3 buckets
 * would also grow ecs_compute, which is within a few characters of AWS's 6,144 limit.
 */
const ADDED_ACTION = "dynamodb:DescribeKinesisStreamingDestination";
/** The example state bucket once the examples test moved the account to 210987654321. */
const STATE_BUCKET = "tz-state-210987654321-eu-west-1";
const LOCK_TABLE = `arn:aws:dynamodb:eu-west-1:210987654321:table/${STATE_BUCKET}-locks`;

interface Run {
  readonly status: number;
  readonly out: string;
}

const env = (): NodeJS.ProcessEnv => {
  const vars: NodeJS.ProcessEnv = { ...process.env, CHECKPOINT_DISABLE: "1" };
  delete vars.TF_CLI_CONFIG_FILE;
  return vars;
};

function run(cwd: string, command: string, args: readonly string[], extra: NodeJS.ProcessEnv = {}): Run {
  const result = spawnSync(command, args, {
    cwd,
    env: { ...env(), ...extra },
    encoding: "utf8",
    timeout: 300_000,
  });
  return { status: result.status ?? -1, out: `${result.stdout ?? ""}${result.stderr ?? ""}` };
}

describe("publish and diff tell the truth about each module (temporary git repository, real regeneration)", () => {
  let base: string;
  let repo: string;
  const git = (...args: string[]): string => {
    const result = run(repo, "git", args);
    if (result.status !== 0) throw new Error(`git ${args.join(" ")}: ${result.out}`);
    return result.out;
  };
  const cli = (...args: string[]): Run => run(repo, TSX, ["lib/cli/bin.ts", ...args]);
  const synth = (): void => {
    const result = run(repo, TSX, ["main.ts"], { CDKTF_OUTDIR: join(base, "cdktf.out") });
    if (result.status !== 0) throw new Error(`synth failed: ${result.out}`);
  };
  const editFile = (path: string, edit: (text: string) => string): void => {
    const file = join(repo, path);
    const before = readFileSync(file, "utf8");
    const after = edit(before);
    expect(after).not.toBe(before);
    writeFileSync(file, after);
  };
  const addCatalogueReadAction = (): void =>
    editFile("lib/permissions/catalogue.ts", (text) => {
      expect(text).not.toContain(`"${ADDED_ACTION}"`);
      return text.replace(
        '"dynamodb:DescribeTimeToLive",',
        `"dynamodb:DescribeTimeToLive",\n"${ADDED_ACTION}",`,
      );
    });

  beforeAll(() => {
    base = mkdtempSync(join(tmpdir(), "stm-truth-"));
    repo = join(base, "repo");
    for (const entry of ["lib", "main.ts", "cdktf.json", "package.json", "tsconfig.json", ".gitignore"])
      cpSync(join(PROJECT, entry), join(repo, entry), { recursive: true });
    symlinkSync(join(PROJECT, "node_modules"), join(repo, "node_modules"), "dir");
    // Consumers of this repository fetch it with git::file://, offline.
    editFile("cdktf.json", (text) =>
      text.replace(/"repositoryUrl": "[^"]*"/, `"repositoryUrl": "file://${repo}"`),
    );
    synth();
    git("init", "--quiet", "-b", "main");
    for (const [key, value] of [
      ["user.email", "test@example.com"],
      ["user.name", "Test"],
      ["commit.gpgsign", "false"],
      ["tag.gpgsign", "false"],
    ])
      git("config", key, value);
    git("add", "-A");
    git("commit", "--quiet", "-m", "project");
    for (const module of MODULES) git("tag", "-a", `${module}-v1.0.0`, "-m", `${module} 1.0.0`);
  });
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  tfTest("only examples / stateKeyPrefix changed in cdktf.json: nothing to publish", () => {
    editFile("cdktf.json", (text) =>
      text
        .replace(/"accountId": "123456789012"/g, '"accountId": "210987654321"')
        .replace(/"stateKeyPrefix": "tz\/v1\/"/g, '"stateKeyPrefix": "tz/v2/"'),
    );
    synth();
    git("commit", "--quiet", "-am", "examples only");
    // The example renderings changed, every module folder is byte-identical to its tag.
    expect(git("diff", "--name-only", "state-access-policy-v1.0.0", "--", "modules-out/policies")).not.toBe(
      "",
    );
    for (const module of MODULES)
      expect(
        git(
          "diff",
          "--name-only",
          `${module}-v1.0.0`,
          "--",
          `modules-out/hcl/${module}`,
          `modules-out/json/${module}`,
        ),
      ).toBe("");
    for (const module of ["state-access-policy", "min-provisioner"]) {
      const result = cli("publish", module, "--dry-run");
      expect(result).toEqual({
        status: 0,
        out: [
          `${module}: nothing to publish, modules-out is unchanged since ${module}-v1.0.0.`,
          `  (hcl/${module} and json/${module} are identical to the tag; modules-out/policies/ holds example renderings and belongs to no module)`,
          "",
        ].join("\n"),
      });
    }
  });

  tfTest("an uncommitted catalogue change: the dry run previews it, the real publish refuses", () => {
    addCatalogueReadAction();
    const head = git("rev-parse", "HEAD");
    const preview = cli("publish", "deploy-policies", "--dry-run");
    expect(preview.status).toBe(0);
    expect(preview.out).toContain("Preview includes 1 uncommitted change(s)");
    expect(preview.out).toContain(
      "deploy-policies: deploy-policies-v1.0.0 -> deploy-policies-v1.1.0 (minor)",
    );
    const refused = cli("publish", "deploy-policies");
    expect(refused.status).toBe(1);
    expect(refused.out).toMatch(
      /publish refused, nothing was changed: the working tree has uncommitted changes[\s\S]*lib\/permissions\/catalogue\.ts/,
    );
    expect(git("rev-parse", "HEAD")).toBe(head);
    expect(git("tag", "--list", "deploy-policies-v1.1*")).toBe("");
  });

  tfTest(
    "one read action added to the lock table's catalogue: deploy-policies and min-provisioner are minor, nothing removed",
    () => {
      synth();
      git("commit", "--quiet", "-am", `catalogue: ${ADDED_ACTION}`);
      const deploy = cli("publish", "deploy-policies", "--dry-run");
      expect(deploy.status).toBe(0);
      expect(deploy.out).toContain(
        "deploy-policies: deploy-policies-v1.0.0 -> deploy-policies-v1.1.0 (minor)",
      );
      // The split union gained exactly the new action; statements that moved between documents are no change.
      const union = policySection(deploy.out, "output.aws_least_privileged_policies");
      expect(new Set(union.added.map((row) => row.split(" | ")[1]))).toEqual(new Set([ADDED_ACTION]));
      expect(union.added).toContain(`Allow | ${ADDED_ACTION} | ${LOCK_TABLE} | (no condition)`);
      expect(union.removed).toEqual([]);
      // The union gained what the profile gained, no more.
      const perProfile = ["state_backend"].flatMap(
        (profile) => policySection(deploy.out, `output.${profile}_deploy_policy_json`).added,
      );
      expect(new Set(union.added)).toEqual(new Set(perProfile));
      expect(deploy.out).not.toMatch(/removed/);

      const provisioner = cli("publish", "min-provisioner", "--dry-run");
      expect(provisioner.status).toBe(0);
      expect(provisioner.out).toContain(
        "min-provisioner: min-provisioner-v1.0.0 -> min-provisioner-v1.1.0 (minor)",
      );
      // The lock table is in the state_backend profile's one part.
      const role = policySection(provisioner.out, "aws_iam_policy.state_backend_1.policy");
      expect(new Set(role.added.map((row) => row.split(" | ")[1]))).toEqual(new Set([ADDED_ACTION]));
      expect(role.added).toContain(`Allow | ${ADDED_ACTION} | ${LOCK_TABLE} | (no condition)`);
      expect(role.removed).toEqual([]);
      expect(provisioner.out).not.toMatch(/no interface, resource or permission change/);

      expect(cli("publish", "state-access-policy", "--dry-run").out).toContain(
        "state-access-policy: nothing to publish",
      );
      // state-backend's README lists the permissions needed to deploy it: a docs-only patch.
      const backend = cli("publish", "state-backend", "--dry-run").out;
      expect(backend).toContain("state-backend: state-backend-v1.0.0 -> state-backend-v1.0.1 (patch)");
      expect(backend).toContain(
        "- module files changed, same interface and permissions (README, expressions, formatting): hcl/state-backend/README.md, json/state-backend/README.md",
      );
    },
  );

  tfTest("the real publish writes the changed rows into the changelog and prints snippets that work", () => {
    const published = cli("publish", "deploy-policies");
    expect(published.status).toBe(0);
    const changelog = readFileSync(join(repo, "changelogs", "deploy-policies.md"), "utf8");
    expect(changelog).toContain("## 1.1.0");
    expect(changelog).toContain(`+ Allow | ${ADDED_ACTION} | ${LOCK_TABLE}`);
    expect(git("status", "--porcelain")).toBe("");
    const hcl = published.out.slice(
      published.out.indexOf('module "deploy_policies"'),
      published.out.indexOf("// CDKTF"),
    );
    expect(hcl).toContain(`?ref=deploy-policies-v1.1.0`);
    const consumer = join(base, "consumer");
    cpSync(join(repo, ".gitignore"), join(consumer, ".gitignore"));
    writeFileSync(join(consumer, "main.tf"), hcl);
    for (const args of [
      ["init", "-input=false", "-no-color"],
      ["validate", "-no-color"],
    ]) {
      const step = run(consumer, requireTerraform(), args);
      expect({ args, ...step, ok: step.status === 0 }).toMatchObject({ ok: true });
    }
    const typescript = published.out.slice(published.out.indexOf("import { TerraformHclModule"));
    expect(typescript).toContain('deployPolicies.getList("aws_least_privileged_policies")');
    expect(compileInStacks(join(base, "cdktf-consumer"), [typescript])).toEqual({ status: 0, out: "" });
  });

  tfTest(
    "a hand edit adding s3:DeleteObject to runtime_policy_json: npm run diff lists it and shows only the changed statement",
    () => {
      editFile("modules-out/hcl/state-access-policy/outputs.tf", (text) =>
        text.replace('"s3:GetObject", "s3:PutObject"', '"s3:GetObject", "s3:PutObject", "s3:DeleteObject"'),
      );
      try {
        const result = cli("diff");
        expect(result.status).toBe(1);
        const edits = result.out.slice(
          result.out.indexOf("## Hand edits"),
          result.out.indexOf("## What `npm run synth` would change"),
        );
        expect(edits).toContain("### module state-access-policy");
        const runtime = policySection(edits, "output.runtime_policy_json");
        expect(runtime.added).toEqual([
          `Allow | s3:DeleteObject | arn:aws:s3:::${STATE_BUCKET}/tz/v2/* | (no condition)`,
        ]);
        expect(runtime.removed).toEqual([]);
        expect(result.out).not.toContain("No change to variables, outputs, resources or permissions");
        const patch = result.out.slice(result.out.indexOf("## Unified diff"));
        const changed = patch.split("\n").filter((line) => /^[-+](?![-+])/.test(line));
        expect(changed).toHaveLength(2);
        // The generated HCL has one statement field per line: the diff is that one line.
        expect(changed[0]).toMatch(/^- *"Action" += \["s3:GetObject", "s3:PutObject", "s3:DeleteObject"\],$/);
        expect(changed[1]).toMatch(/^\+ *"Action" += \["s3:GetObject", "s3:PutObject"\],$/);
        expect(Math.max(...result.out.split("\n").map((line) => line.length))).toBeLessThan(400);
      } finally {
        git("checkout", "--", "modules-out");
      }
    },
  );
});

/** The `+`/`-` rows listed under one policy in a summary (up to the next policy or heading). */
function policySection(text: string, address: string): { added: string[]; removed: string[] } {
  const start = text.indexOf(`- policy \`${address}\``);
  if (start < 0) throw new Error(`no policy ${address} in:\n${text.slice(0, 3000)}`);
  const rest = text.slice(start).split("\n").slice(1);
  const end = rest.findIndex((line) => !line.startsWith("  "));
  const lines = (end < 0 ? rest : rest.slice(0, end)).map((line) => line.trim());
  return {
    added: lines.filter((line) => line.startsWith("+ ")).map((line) => line.slice(2)),
    removed: lines
      .filter((line) => line.startsWith("- ") && !line.startsWith("- permissions"))
      .map((line) => line.slice(2)),
  };
}
