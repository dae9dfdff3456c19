import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { checkDrift } from "../../lib/diff/check-drift";
import { generatedModulesOut } from "../support/generated-modules-out";

/**
 * `npm run diff` on the real path: checkDrift with its default regeneration (generateModules, the
 * recipe `cdktf synth` uses) in a temporary project holding this project's cdktf.json. The
 * committed tree starts as generateModules wrote it; each test then changes one side by hand.
 */
const PROJECT = join(__dirname, "..", "..");

describe("npm run diff (checkDrift) regenerating with generateModules", () => {
  let base: string;
  let root: string;
  let pristine: string;

  beforeAll(async () => {
    base = mkdtempSync(join(tmpdir(), "stm-drift-test-"));
    pristine = await generatedModulesOut();
  });
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  beforeEach(() => {
    root = mkdtempSync(join(base, "project-"));
    cpSync(join(PROJECT, "cdktf.json"), join(root, "cdktf.json"));
    cpSync(pristine, join(root, "modules-out"), { recursive: true });
  });

  it("is clean with one line when the committed tree matches the code", async () => {
    const result = await checkDrift({ projectRoot: root });
    expect(result.clean).toBe(true);
    expect(result.report).toBe("modules-out/ is up to date with the code: no drift.");
  });

  it("names a hand-edited file and shows its unified diff", async () => {
    appendFileSync(join(root, "modules-out/hcl/state-access-policy/outputs.tf"), "# hand edit\n");
    const result = await checkDrift({ projectRoot: root });
    expect(result.clean).toBe(false);
    expect(result.changes.map((c) => `${c.kind} ${c.path}`)).toEqual([
      "changed hcl/state-access-policy/outputs.tf",
    ]);
    expect(result.report).toContain("changed: modules-out/hcl/state-access-policy/outputs.tf");
    expect(result.report).toContain("--- a/modules-out/hcl/state-access-policy/outputs.tf");
    expect(result.report).toContain("-# hand edit");
  });

  it("shows what a change that was not regenerated grants: moved permissions, removed variable", async () => {
    // The settings now put the example state under tz/v2/ ...
    const settingsFile = join(root, "cdktf.json");
    const settings = readFileSync(settingsFile, "utf8");
    expect(settings).toContain('"stateKeyPrefix": "tz/v1/"');
    writeFileSync(settingsFile, settings.replace('"stateKeyPrefix": "tz/v1/"', '"stateKeyPrefix": "tz/v2/"'));
    // ... and the committed module still has a variable that the code no longer declares.
    const variablesFile = join(root, "modules-out/json/state-access-policy/variables.tf.json");
    const variables = JSON.parse(readFileSync(variablesFile, "utf8")) as {
      variable: Record<string, unknown>;
    };
    variables.variable.legacy_prefix = { description: "Old.", type: "string", default: "tz/" };
    writeFileSync(variablesFile, JSON.stringify(variables, null, 2));

    const result = await checkDrift({ projectRoot: root });
    expect(result.clean).toBe(false);
    // Only the two state policies render the example prefix; no README or module text does.
    expect(result.changes.map((c) => c.path)).toEqual([
      "json/state-access-policy/variables.tf.json",
      "policies/state-read-only.json",
      "policies/state-runtime.json",
    ]);
    expect(result.report).toContain("### module state-access-policy\n- variable removed: `legacy_prefix`");
    expect(result.report).toContain(
      "- Allow | s3:GetObject | arn:aws:s3:::tz-state-123456789012-eu-west-1/tz/v1/* | (no condition)",
    );
    expect(result.report).toContain(
      "+ Allow | s3:GetObject | arn:aws:s3:::tz-state-123456789012-eu-west-1/tz/v2/* | (no condition)",
    );
  });

  it("reports a file the code no longer generates as removed", async () => {
    writeFileSync(
      join(root, "modules-out/policies/state-legacy.json"),
      JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          {
            Sid: "Legacy",
            Effect: "Allow",
            Action: ["s3:GetObject", "s3:PutObject"],
            Resource: ["arn:aws:s3:::legacy-state/*"],
          },
        ],
      }),
    );
    const result = await checkDrift({ projectRoot: root });
    expect(result.changes.map((c) => `${c.kind} ${c.path}`)).toEqual(["removed policies/state-legacy.json"]);
    expect(result.semantic.policies.map((p) => [p.policy, p.removed.map((row) => row.action)])).toEqual([
      ["state-legacy", ["s3:GetObject", "s3:PutObject"]],
    ]);
  });
});
