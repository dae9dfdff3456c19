import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { moduleExamples } from "../../lib/app/module-examples";
import { loadSettings } from "../../lib/config/load-settings";
import { moduleInterface } from "../../lib/diff/module-interface";
import { readTree } from "../../lib/diff/read-tree";
import { UserError } from "../../lib/errors";
import { publishModule, type PublishOptions } from "../../lib/publish/publish-module";
import { copyGenerator, FIXTURE_MODULE, fixtureFiles, writeFiles } from "../diff/fixture-modules";

const MODULE = FIXTURE_MODULE;
const PROJECT = join(__dirname, "..", "..");
const run = (cwd: string, cmd: string, args: string[]) =>
  execFileSync(cmd, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
const git = (cwd: string, ...args: string[]) => run(cwd, "git", args);

/** Is the module in this tree finished (has its policy output), rather than a placeholder? */
const complete = (modulesOut: string): boolean =>
  existsSync(join(modulesOut, "json", MODULE)) &&
  moduleInterface(readTree(modulesOut), MODULE).outputs.has("runtime_policy_json");

/** The committed module, else one generated from lib/, else the fixture (while the module is unfinished). */
async function moduleTree(into: string): Promise<void> {
  const committed = join(PROJECT, "modules-out");
  if (complete(committed)) {
    for (const flavour of ["hcl", "json"])
      cpSync(join(committed, flavour, MODULE), join(into, flavour, MODULE), { recursive: true });
    return;
  }
  const generated = mkdtempSync(join(tmpdir(), "stm-gen-"));
  try {
    // Loaded lazily: while other modules are being written, a broken import must not fail this suite.
    const { generateModules } = await import("../../lib/app/generate-modules");
    await generateModules(join(generated, "modules-out"), PROJECT);
    if (complete(join(generated, "modules-out"))) {
      for (const flavour of ["hcl", "json"])
        cpSync(join(generated, "modules-out", flavour, MODULE), join(into, flavour, MODULE), {
          recursive: true,
        });
      return;
    }
  } catch (error) {
    console.log(
      `publish e2e: generateModules failed (${String(error).split("\n")[0]}); using the fixture module`,
    );
  } finally {
    rmSync(generated, { recursive: true, force: true });
  }
  console.log(`publish e2e: modules-out/hcl/${MODULE} not available yet; using the fixture module`);
  writeFiles(into, fixtureFiles());
}

const hasTerraform = (() => {
  try {
    run(tmpdir(), "terraform", ["version"]);
    return true;
  } catch {
    return false;
  }
})();

/** Values for the module's required inputs (names the real module and the fixture use). */
const INPUTS: Record<string, string> = {
  bucket_name: "tz-state-123456789012-eu-west-1",
  state_key_prefix: "tz/v1/",
};

function applyConsumer(
  dir: string,
  source: string,
  required: string[],
  outputs: string[],
): Record<string, unknown> {
  mkdirSync(dir, { recursive: true });
  const inputs = required.map((name) => {
    if (!(name in INPUTS)) throw new Error(`test has no value for required input ${name}`);
    return `  ${name} = "${INPUTS[name]}"`;
  });
  writeFileSync(
    join(dir, "main.tf"),
    [
      `module "m" {`,
      `  source = "${source}"`,
      ...inputs,
      "}",
      ...outputs.map((name) => `output "${name}" {\n  value = module.m.${name}\n}`),
    ].join("\n"),
  );
  run(dir, "terraform", ["init", "-input=false", "-no-color"]);
  run(dir, "terraform", ["apply", "-auto-approve", "-input=false", "-no-color"]);
  const raw = JSON.parse(run(dir, "terraform", ["output", "-json"])) as Record<string, { value: unknown }>;
  return Object.fromEntries(Object.entries(raw).map(([name, output]) => [name, output.value]));
}

describe("publish, end to end in a temporary git repository", () => {
  let base: string;
  let repo: string;
  let source: string;
  let lines: string[];
  const options = (extra: Partial<PublishOptions> = {}): PublishOptions => ({
    projectRoot: repo,
    moduleName: MODULE,
    dryRun: false,
    repositoryUrl: `file://${repo}`,
    regenerate: copyGenerator(source),
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
    source = join(base, "generated-modules-out");
    await moduleTree(source);
    cpSync(source, join(repo, "modules-out"), { recursive: true });
    git(repo, "init", "--quiet", "-b", "main");
    git(repo, "config", "user.email", "test@example.com");
    git(repo, "config", "user.name", "Test");
    git(repo, "config", "commit.gpgsign", "false");
    git(repo, "config", "tag.gpgsign", "false");
    git(repo, "add", "-A");
    git(repo, "commit", "--quiet", "-m", "modules");
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

  it("refuses drift between the code and modules-out, naming the file", async () => {
    const drifted = join(base, "drifted");
    cpSync(source, drifted, { recursive: true });
    writeFileSync(join(drifted, "hcl", MODULE, "extra.tf"), "# generated now\n");
    await expect(publishModule(options({ regenerate: copyGenerator(drifted) }))).rejects.toThrow(
      /differs from what the code generates[\s\S]*added: modules-out\/hcl\/state-access-policy\/extra\.tf/,
    );
    expect(tags()).toEqual([]);
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

  it("publishes 1.0.0: manifest, changelog, commit, annotated tag, consumer snippets", async () => {
    const result = await publishModule(options());
    expect(result).toEqual({ status: "published", version: "1.0.0", tag: `${MODULE}-v1.0.0` });
    expect(git(repo, "cat-file", "-t", `${MODULE}-v1.0.0`).trim()).toBe("tag");
    expect(git(repo, "status", "--porcelain")).toBe("");
    const manifest = JSON.parse(readFileSync(join(repo, "module-versions.json"), "utf8")) as {
      modules: Record<string, { version: string; tag: string }>;
    };
    expect(manifest.modules[MODULE]).toMatchObject({ version: "1.0.0", tag: `${MODULE}-v1.0.0` });
    expect(readFileSync(join(repo, "changelogs", `${MODULE}.md`), "utf8")).toContain("## 1.0.0 (2025-01-02)");
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

  it("computes minor for a new optional variable and writes the change into the changelog", async () => {
    const path = join("json", MODULE, "variables.tf.json");
    const doc = JSON.parse(readFileSync(join(source, path), "utf8")) as { variable: Record<string, unknown> };
    doc.variable.extra_tag = { description: "Extra.", type: "string", default: "x" };
    writeFileSync(join(source, path), JSON.stringify(doc, null, 2));
    cpSync(source, join(repo, "modules-out"), { recursive: true });
    git(repo, "commit", "--quiet", "-am", "add extra_tag");
    const result = await publishModule(options());
    expect(result).toEqual({ status: "published", version: "1.1.0", tag: `${MODULE}-v1.1.0` });
    const changelog = readFileSync(join(repo, "changelogs", `${MODULE}.md`), "utf8");
    expect(changelog.indexOf("## 1.1.0")).toBeLessThan(changelog.indexOf("## 1.0.0"));
    expect(changelog).toContain('variable added: `extra_tag` (string, default "x")');
  });

  it("a consumer pins the tag with git::file:// and terraform applies it offline", () => {
    if (!hasTerraform) {
      console.log("skipped: terraform is not on PATH");
      return;
    }
    const iface = moduleInterface(readTree(join(repo, "modules-out")), MODULE);
    const required = [...iface.variables].filter(([, spec]) => spec.required).map(([name]) => name);
    const outputs = [...iface.outputs];
    const fromTag = applyConsumer(
      join(base, "consumer-tag"),
      `git::file://${repo}//modules-out/hcl/${MODULE}?ref=${MODULE}-v1.0.0`,
      required,
      outputs,
    );
    console.log("publish e2e: terraform applied the module from its git tag");
    const fromPath = applyConsumer(
      join(base, "consumer-path"),
      join(repo, "modules-out", "hcl", MODULE),
      required,
      outputs,
    );
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
