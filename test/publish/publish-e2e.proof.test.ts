import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateModules } from "../../lib/app/generate-modules";
import { moduleExamples } from "../../lib/app/module-examples";
import { loadSettings } from "../../lib/config/load-settings";
import { moduleInterface } from "../../lib/diff/module-interface";
import { readTree } from "../../lib/diff/read-tree";
import { UserError } from "../../lib/errors";
import { generatedModulesOut } from "../support/generated-modules-out";
import { publishModule, type PublishOptions } from "../../lib/publish/publish-module";
import {
  removeRootModule,
  requireTerraform,
  terraformApply,
  tfTest,
  writeRootModule,
} from "../support/terraform";

/**
 * `publish` end to end, on the real path: a temporary git repository holding this project's
 * settings, whose modules-out/ is written by generateModules (the recipe of `cdktf synth` and
 * `npm run diff`), and every regeneration publish does is generateModules again.
 */
const MODULE = "state-access-policy";
const PROJECT = join(__dirname, "..", "..");
const git = (cwd: string, ...args: string[]) =>
  execFileSync("git", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });

/** What `npm run publish` regenerates with, for the project at root. */
const regenerateIn = (root: string) => (outDir: string) => generateModules(outDir, root);

/** A git repository with this project's cdktf.json and nothing committed yet. */
function newRepository(root: string): void {
  mkdirSync(root, { recursive: true });
  cpSync(join(PROJECT, "cdktf.json"), join(root, "cdktf.json"));
  git(root, "init", "--quiet", "-b", "main");
  git(root, "config", "user.email", "test@example.com");
  git(root, "config", "user.name", "Test");
  git(root, "config", "commit.gpgsign", "false");
  git(root, "config", "tag.gpgsign", "false");
}

const commitAll = (root: string, message: string) => {
  git(root, "add", "-A");
  git(root, "commit", "--quiet", "-m", message);
};

/** Values for the module's required inputs (names the real module and the fixture use). */
const INPUTS: Record<string, string> = {
  bucket_name: "tz-state-123456789012-eu-west-1",
  state_key_prefix: "tz/v1/",
};

/** Applies a root module that calls the module from `source`; returns its outputs. */
function applyConsumer(source: string, required: string[], outputs: string[]): Record<string, unknown> {
  const inputs = required.map((name) => {
    if (!(name in INPUTS)) throw new Error(`test has no value for required input ${name}`);
    return `  ${name} = "${INPUTS[name]}"`;
  });
  const dir = writeRootModule({
    "main.tf": [
      `module "m" {`,
      `  source = "${source}"`,
      ...inputs,
      "}",
      ...outputs.map((name) => `output "${name}" {\n  value = module.m.${name}\n}`),
    ].join("\n"),
  });
  try {
    const result = terraformApply(requireTerraform(), dir);
    expect(result.log).toBe(result.ok ? result.log : "");
    return result.outputs;
  } finally {
    removeRootModule(dir);
  }
}

describe("publish, end to end in a temporary git repository", () => {
  let base: string;
  let repo: string;
  let lines: string[];
  const options = (extra: Partial<PublishOptions> = {}): PublishOptions => ({
    projectRoot: repo,
    moduleName: MODULE,
    dryRun: false,
    repositoryUrl: `file://${repo}`,
    regenerate: regenerateIn(repo),
    examples: moduleExamples(loadSettings(PROJECT)),
    date: "2025-01-02",
    log: (line) => lines.push(line),
    ...extra,
  });
  const tags = () => git(repo, "tag", "--list").split("\n").filter(Boolean);
  const head = () => git(repo, "rev-parse", "HEAD").trim();

  beforeAll(async () => {
    base = mkdtempSync(join(tmpdir(), "stm-publish-e2e-"));
    repo = join(base, "repo");
    newRepository(repo);
    cpSync(await generatedModulesOut(), join(repo, "modules-out"), { recursive: true });
    commitAll(repo, "modules");
  });
  afterAll(() => rmSync(base, { recursive: true, force: true }));
  beforeEach(() => {
    lines = [];
  });

  it("refuses an unknown module, changing nothing", async () => {
    const before = head();
    await expect(publishModule(options({ moduleName: "no-such-module" }))).rejects.toThrow(
      /publish refused, nothing was changed: unknown module "no-such-module"/,
    );
    expect(head()).toBe(before);
  });

  it("refuses a dirty working tree and names the file", async () => {
    writeFileSync(join(repo, "notes.txt"), "wip");
    try {
      const error = await publishModule(options()).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UserError);
      expect((error as UserError).message).toMatch(/uncommitted changes[\s\S]*notes\.txt/);
      expect(tags()).toEqual([]);
    } finally {
      rmSync(join(repo, "notes.txt"));
    }
  });

  it("refuses a committed hand edit of modules-out (drift from the code), naming the file", async () => {
    const before = head();
    writeFileSync(join(repo, "modules-out", "hcl", MODULE, "extra.tf"), "# edited by hand\n");
    commitAll(repo, "hand edit");
    try {
      await expect(publishModule(options())).rejects.toThrow(
        /differs from what the code generates[\s\S]*removed: modules-out\/hcl\/state-access-policy\/extra\.tf/,
      );
      expect(tags()).toEqual([]);
    } finally {
      git(repo, "reset", "--quiet", "--hard", before);
    }
  });

  it("dry run prints the version and snippets and writes nothing", async () => {
    const before = head();
    const result = await publishModule(options({ dryRun: true }));
    expect(result).toEqual({ status: "dry-run", version: "1.0.0", tag: `${MODULE}-v1.0.0` });
    expect(head()).toBe(before);
    expect(git(repo, "status", "--porcelain")).toBe("");
    expect(lines.join("\n")).toMatch(
      new RegExp(`source +\\= "git::file://${repo}//modules-out/hcl/${MODULE}\\?ref=${MODULE}-v1\\.0\\.0"`),
    );
  });

  it("publishes 1.0.0: manifest, changelog, regenerated README, commit, annotated tag, snippets", async () => {
    const result = await publishModule(options());
    expect(result).toEqual({ status: "published", version: "1.0.0", tag: `${MODULE}-v1.0.0` });
    expect(git(repo, "cat-file", "-t", `${MODULE}-v1.0.0`).trim()).toBe("tag");
    expect(git(repo, "status", "--porcelain")).toBe("");
    const manifest = JSON.parse(readFileSync(join(repo, "module-versions.json"), "utf8")) as {
      modules: Record<string, { version: string; tag: string }>;
    };
    expect(manifest.modules[MODULE]).toMatchObject({ version: "1.0.0", tag: `${MODULE}-v1.0.0` });
    expect(readFileSync(join(repo, "changelogs", `${MODULE}.md`), "utf8")).toContain("## 1.0.0 (2025-01-02)");
    // generateModules ran again after the manifest was written: the tagged README pins the new tag.
    expect(git(repo, "show", `${MODULE}-v1.0.0:modules-out/hcl/${MODULE}/README.md`)).toContain(
      `?ref=${MODULE}-v1.0.0`,
    );
    const text = lines.join("\n");
    expect(text).toContain(`new TerraformHclModule(this, "state_access_policy"`);
    expect(text).toContain(`?ref=${MODULE}-v1.0.0`);
  });

  it("a second publish without changes is a no-op that says so", async () => {
    const before = head();
    const result = await publishModule(options());
    expect(result.status).toBe("unchanged");
    expect(lines).toContain(
      `${MODULE}: nothing to publish, modules-out is unchanged since ${MODULE}-v1.0.0.`,
    );
    expect(head()).toBe(before);
    expect(tags()).toEqual([`${MODULE}-v1.0.0`]);
  });

  it("refuses a version whose tag already exists", async () => {
    // The manifest says 1.0.0, so --bump patch gives 1.0.1: a tag someone already created by hand.
    git(repo, "tag", `${MODULE}-v1.0.1`);
    try {
      await expect(publishModule(options({ bump: "patch" }))).rejects.toThrow(/tag .* already exists/);
    } finally {
      git(repo, "tag", "-d", `${MODULE}-v1.0.1`);
    }
  });

  tfTest("a consumer pins the tag with git::file:// and terraform applies it offline", () => {
    const iface = moduleInterface(readTree(join(repo, "modules-out")), MODULE);
    const required = [...iface.variables].filter(([, spec]) => spec.required).map(([name]) => name);
    const outputs = [...iface.outputs];
    const fromTag = applyConsumer(
      `git::file://${repo}//modules-out/hcl/${MODULE}?ref=${MODULE}-v1.0.0`,
      required,
      outputs,
    );
    const fromPath = applyConsumer(join(repo, "modules-out", "hcl", MODULE), required, outputs);
    expect(Object.keys(fromTag).sort()).toEqual(outputs.sort());
    expect(fromTag).toEqual(fromPath);
    const policy = JSON.parse(String(fromTag.runtime_policy_json)) as {
      Statement: Array<{ Resource: string[] | string }>;
    };
    expect(JSON.stringify(policy.Statement)).toContain(
      `arn:aws:s3:::${INPUTS.bucket_name}/${INPUTS.state_key_prefix}`,
    );
  });
});

describe("publish after the code added an optional variable since the last release", () => {
  let root: string;
  const lines: string[] = [];

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), "stm-publish-minor-"));
    newRepository(root);
    // The last release, recorded as publish records it (manifest, annotated tag), was generated by
    // code that did not have use_lockfile yet: today's tree without that variable.
    const released = join(root, "modules-out");
    cpSync(await generatedModulesOut(), released, { recursive: true });
    const variablesFile = join(released, "json", MODULE, "variables.tf.json");
    const variables = JSON.parse(readFileSync(variablesFile, "utf8")) as {
      variable: Record<string, unknown>;
    };
    expect(variables.variable.use_lockfile).toEqual(expect.objectContaining({ default: true, type: "bool" }));
    delete variables.variable.use_lockfile;
    writeFileSync(variablesFile, JSON.stringify(variables, null, 2));
    // A consistent earlier release: without the variable, its policies always allowed lock files.
    const hclVariables = join(released, "hcl", MODULE, "variables.tf");
    writeFileSync(
      hclVariables,
      readFileSync(hclVariables, "utf8").replace(/variable "use_lockfile" \{[^}]*\}\n\n/, ""),
    );
    for (const outputs of [
      join(released, "json", MODULE, "outputs.tf.json"),
      join(released, "hcl", MODULE, "outputs.tf"),
    ]) {
      const text = readFileSync(outputs, "utf8");
      expect(text).toContain("var.use_lockfile");
      writeFileSync(outputs, text.replaceAll("var.use_lockfile", "true"));
    }
    writeFileSync(
      join(root, "module-versions.json"),
      JSON.stringify({ modules: { [MODULE]: { version: "1.0.0", tag: `${MODULE}-v1.0.0`, moved: [] } } }),
    );
    commitAll(root, `release: ${MODULE}-v1.0.0`);
    git(root, "tag", "-a", `${MODULE}-v1.0.0`, "-m", "1.0.0");
    // Today's code, synthesized and committed.
    rmSync(released, { recursive: true });
    await generateModules(released, root);
    commitAll(root, "add use_lockfile");
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("computes minor and writes the new variable into the changelog", async () => {
    const result = await publishModule({
      projectRoot: root,
      moduleName: MODULE,
      dryRun: false,
      repositoryUrl: `file://${root}`,
      regenerate: regenerateIn(root),
      date: "2025-01-02",
      log: (line) => lines.push(line),
    });
    expect(result).toEqual({ status: "published", version: "1.1.0", tag: `${MODULE}-v1.1.0` });
    expect(lines).toContain("  - optional variable `use_lockfile` added");
    const changelog = readFileSync(join(root, "changelogs", `${MODULE}.md`), "utf8");
    expect(changelog).toContain("## 1.1.0 (2025-01-02)");
    expect(changelog).toContain("variable added: `use_lockfile` (bool, default true)");
  });
});
