import { appendFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { checkDrift } from "../../lib/diff/check-drift";
import { copyGenerator, fixtureFiles, writeFiles } from "./fixture-modules";

describe("npm run diff (checkDrift)", () => {
  let root: string;
  let generatedSource: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), "stm-drift-test-"));
    generatedSource = join(root, "generated");
    writeFiles(join(root, "modules-out"), fixtureFiles());
    writeFiles(generatedSource, fixtureFiles());
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it("is clean with one line when the committed tree matches the code", async () => {
    const result = await checkDrift({ projectRoot: root, regenerate: copyGenerator(generatedSource) });
    expect(result.clean).toBe(true);
    expect(result.report).toBe("modules-out/ is up to date with the code: no drift.");
  });

  it("names a hand-edited file and shows its unified diff", async () => {
    appendFileSync(join(root, "modules-out/hcl/state-access-policy/outputs.tf"), "# hand edit\n");
    const result = await checkDrift({ projectRoot: root, regenerate: copyGenerator(generatedSource) });
    expect(result.clean).toBe(false);
    expect(result.changes.map((c) => `${c.kind} ${c.path}`)).toEqual([
      "changed hcl/state-access-policy/outputs.tf",
    ]);
    expect(result.report).toContain("changed: modules-out/hcl/state-access-policy/outputs.tf");
    expect(result.report).toContain("--- a/modules-out/hcl/state-access-policy/outputs.tf");
    expect(result.report).toContain("-# hand edit");
  });

  it("shows what a code change that was not regenerated grants: added permission, removed variable", async () => {
    // The code now generates a module without state_key_prefix and a policy with one more action.
    const generated = fixtureFiles();
    const variables = JSON.parse(generated["json/state-access-policy/variables.tf.json"]) as {
      variable: Record<string, unknown>;
    };
    delete variables.variable.state_key_prefix;
    generated["json/state-access-policy/variables.tf.json"] = JSON.stringify(variables, null, 2);
    generated["policies/state-runtime.json"] = generated["policies/state-runtime.json"].replace(
      '"s3:PutObject"',
      '"s3:PutObject",\n        "s3:DeleteObject"',
    );
    rmSync(generatedSource, { recursive: true });
    writeFiles(generatedSource, generated);

    const result = await checkDrift({ projectRoot: root, regenerate: copyGenerator(generatedSource) });
    expect(result.clean).toBe(false);
    expect(result.changes.map((c) => c.path)).toEqual([
      "json/state-access-policy/variables.tf.json",
      "policies/state-runtime.json",
    ]);
    expect(result.report).toContain("### module state-access-policy\n- variable removed: `state_key_prefix`");
    expect(result.report).toContain(
      "+ Allow | s3:DeleteObject | arn:aws:s3:::tz-state-123456789012-eu-west-1/tz/v1/* | (no condition)",
    );
  });

  it("reports a file the code no longer generates as removed", async () => {
    rmSync(join(generatedSource, "policies"), { recursive: true });
    const result = await checkDrift({ projectRoot: root, regenerate: copyGenerator(generatedSource) });
    expect(result.changes.map((c) => `${c.kind} ${c.path}`)).toEqual(["removed policies/state-runtime.json"]);
    expect(result.semantic.policies[0].removed.map((row) => row.action)).toEqual([
      "s3:GetObject",
      "s3:PutObject",
    ]);
  });
});
