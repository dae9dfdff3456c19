import { parse as hclToJson } from "@cdktf/hcl2json";
import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { moduleInputOf } from "../../lib/app/module-input";
import { generateModules } from "../../lib/app/generate-modules";
import { loadSettings } from "../../lib/config/load-settings";
import { loadModuleVersions, parseModuleVersions } from "../../lib/config/module-versions";
import { UserError } from "../../lib/errors";
import { renderModulesOut } from "../../lib/packager/write-modules-out";
import { buildFixtureModules } from "./fixture-modules";

const projectRoot = join(__dirname, "../..");
const settings = loadSettings(projectRoot);

/** The payload: a `from` that closes the block and declares a resource of its own. */
const INJECTED_FROM =
  'terraform_data.a\n}\n\nresource "terraform_data" "zqmark" {\n  input = "owned"\n}\n\nmoved {\n  from = terraform_data.b';

const manifest = (moved: unknown[]) => ({
  modules: { "fixture-policy": { version: "1.1.0", tag: "fixture-policy-v1.1.0", moved } },
});

function problemsOf(run: () => unknown): readonly string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof UserError) return error.problems.length ? error.problems : [error.message];
    throw error;
  }
  return [];
}

describe("module-versions.json is validated before anything is rendered", () => {
  it("refuses an injected moved address with one line naming the key, the value and the fix", () => {
    const problems = problemsOf(() =>
      parseModuleVersions(manifest([{ from: INJECTED_FROM, to: "terraform_data.c" }])),
    );
    expect(problems).toHaveLength(1);
    expect(problems[0]).not.toContain("\n");
    expect(problems[0]).toMatch(/^modules\["fixture-policy"\]\.moved\[0\]\.from = "terraform_data\.a\\n}\\n/);
    expect(problems[0]).toContain("must be a Terraform resource address");
    expect(problems[0]).toContain("git checkout -- module-versions.json");
  });

  it.each([
    ["var.x", "a variable"],
    ["data.aws_iam_policy_document.x", "a data source"],
    ["module.inner", "a module call"],
    ["aws_s3_bucket.a # comment", "a comment"],
    ['aws_s3_bucket.a["${var.x}"]', "an interpolated key"],
    ["aws_s3_bucket.a[-1]", "a negative index"],
    ["aws_s3_bucket", "a type alone"],
  ])("refuses %j (%s)", (from) => {
    expect(problemsOf(() => parseModuleVersions(manifest([{ from, to: "aws_s3_bucket.b" }])))).toHaveLength(
      1,
    );
  });

  it("refuses unknown keys, a version that is not semver and a tag that does not match it", () => {
    const problems = problemsOf(() =>
      parseModuleVersions({
        modules: { "fixture-policy": { version: "1.x", tag: "other-v1.0.0", moved: [], extra: 1 } },
      }),
    );
    expect(problems.join("\n")).toMatch(/modules\["fixture-policy"\] = .*extra/);
    expect(problems.join("\n")).toContain(
      'modules["fixture-policy"].version = "1.x": must be a semantic version',
    );
  });

  it("accepts resource addresses with module steps and instance keys", () => {
    const moved = [
      { from: "aws_s3_bucket.state", to: "aws_s3_bucket.this" },
      { from: 'module.net["eu"].aws_vpc.this[0]', to: 'aws_vpc.main["eu-west-1"]' },
    ];
    expect(parseModuleVersions(manifest(moved)).modules["fixture-policy"].moved).toEqual(moved);
  });

  it("synth refuses a hostile manifest and writes nothing", async () => {
    const root = mkdtempSync(join(tmpdir(), "stm-manifest-"));
    try {
      cpSync(join(projectRoot, "cdktf.json"), join(root, "cdktf.json"));
      writeFileSync(
        join(root, "module-versions.json"),
        JSON.stringify(manifest([{ from: INJECTED_FROM, to: "terraform_data.c" }])),
      );
      expect(() => loadModuleVersions(root)).toThrow(UserError);
      await expect(generateModules(join(root, "modules-out"), root)).rejects.toThrow(
        /module-versions\.json: 1 problem\(s\); nothing was written/,
      );
      expect(existsSync(join(root, "modules-out"))).toBe(false);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe("moved blocks are built from parsed addresses", () => {
  const work = mkdtempSync(join(tmpdir(), "stm-moved-"));
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  const { stacks } = buildFixtureModules(join(work, "cdktf.out"));
  const policyStack = stacks.find((stack) => stack.moduleName === "fixture-policy");
  if (!policyStack) throw new Error("fixture-policy is missing");

  const render = (moved: { from: string; to: string }[]) =>
    renderModulesOut({
      modules: [{ ...moduleInputOf(policyStack), moved }],
      repositoryUrl: settings.repositoryUrl,
      outDir: join(work, "unused"),
    });

  it("the packager refuses text that is not an address even when the manifest check is bypassed", async () => {
    await expect(render([{ from: INJECTED_FROM, to: "terraform_data.c" }])).rejects.toThrow(
      /moved\[0\]\.from = .* is not a Terraform resource address/,
    );
  });

  const moved = [
    { from: "terraform_data.old", to: "terraform_data.renamed" },
    { from: 'module.inner["a"].terraform_data.x[0]', to: 'terraform_data.y["k.1"]' },
  ];

  it("HCL and JSON variants carry the same moved blocks", async () => {
    const files = await render(moved);
    const hcl = files.get("hcl/fixture-policy/main.tf") ?? "";
    expect(hcl).toContain(
      'moved {\n  from = module.inner["a"].terraform_data.x[0]\n  to   = terraform_data.y["k.1"]\n}',
    );
    const fromHcl = (await hclToJson("main.tf", hcl)) as { moved: { from: string; to: string }[] };
    // JSON: a file of their own, which checkov's terraform_json parser (it stops on a list of blocks) can skip.
    const fromJson = JSON.parse(files.get("json/fixture-policy/moved.tf.json") ?? "{}") as {
      moved: { from: string; to: string }[];
    };
    expect(JSON.parse(files.get("json/fixture-policy/main.tf.json") ?? "{}")).not.toHaveProperty("moved");
    expect(fromHcl.moved.map((b) => ({ from: b.from.slice(2, -1), to: b.to.slice(2, -1) }))).toEqual(moved);
    expect(fromJson.moved).toEqual(moved);
  });
});
