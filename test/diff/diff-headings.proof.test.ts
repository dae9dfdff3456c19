import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generatedModulesOut } from "../support/generated-modules-out";
import { checkDrift } from "../../lib/diff/check-drift";
import { tfDescribe } from "../support/terraform";

const PROJECT = join(__dirname, "..", "..");
const OUTPUTS = "modules-out/hcl/state-access-policy/outputs.tf";
const DELETE_ROW =
  "Allow | s3:DeleteObject | arn:aws:s3:::tz-state-123456789012-eu-west-1/tz/v1/* | (no condition)";

/** The text from one heading line (by its start) to the next `## ` heading. */
function section(report: string, heading: string): string {
  const start = report.indexOf(`\n${heading}`);
  expect(start).toBeGreaterThan(-1);
  const end = report.indexOf("\n## ", start + 1);
  return report.slice(start + 1, end === -1 ? undefined : end);
}

/**
 * Issue 23: after a hand edit that adds s3:DeleteObject (never committed), the summary headed
 * "committed -> generated" listed it as removed. Each heading now names the two sides it compares.
 */
tfDescribe("npm run diff headings after an uncommitted hand edit that adds s3:DeleteObject", () => {
  let root: string;
  let report: string;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), "stm-diff-headings-"));
    cpSync(join(PROJECT, "cdktf.json"), join(root, "cdktf.json"));
    cpSync(await generatedModulesOut(), join(root, "modules-out"), { recursive: true });
    const git = (...args: string[]) => spawnSync("git", args, { cwd: root, encoding: "utf8" });
    git("init", "-q");
    git("add", ".");
    git("-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "generated");
    const file = join(root, OUTPUTS);
    const text = readFileSync(file, "utf8");
    const edited = text.replace(
      '"s3:GetObject", "s3:PutObject"',
      '"s3:GetObject", "s3:PutObject", "s3:DeleteObject"',
    );
    expect(edited).not.toBe(text);
    writeFileSync(file, edited);
    report = (await checkDrift({ projectRoot: root })).report;
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("the hand-edit section says it compares the committed modules-out/ with the working tree, and lists the row as added", () => {
    const edits = section(
      report,
      "## Hand edits: modules-out/ committed (HEAD) -> modules-out/ in the working tree",
    );
    expect(edits).toContain(`+ ${DELETE_ROW}`);
    expect(edits).not.toContain(`- ${DELETE_ROW}`);
  });

  it("the code section says it compares the working tree with what the code generates, and why the row shows as removed", () => {
    const code = section(
      report,
      "## What `npm run synth` would change: modules-out/ in the working tree -> generated from the code now",
    );
    expect(code).toContain(`- ${DELETE_ROW}`);
    expect(code).toContain("includes the hand edits above: what they added shows here as removed");
    expect(report).not.toContain("committed -> generated");
  });

  it("the unified diff says which side is a/ and which b/", () => {
    const unified = section(
      report,
      "## Unified diff: a/ = modules-out/ in the working tree, b/ = generated from the code now",
    );
    expect(unified).toContain(`--- a/${OUTPUTS}`);
    expect(unified).toMatch(/^- .*"s3:DeleteObject"/m);
  });
});
