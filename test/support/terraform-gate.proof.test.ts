import { spawnSync } from "node:child_process";
import { delimiter, join } from "node:path";
import { findTerraform } from "./find-terraform";
import { tfTest } from "./terraform";

/**
 * The terraform gate, proven on a child jest that uses this project's jest.config.js (its global
 * setup and reporters) over one small fixture file with four terraform-backed tests and one other.
 * The skip count also proves that the reporter (plain JavaScript) and the helper agree on the
 * NEEDS_TERRAFORM suffix: if they differed, no summary line would be printed.
 */
const PROJECT = join(__dirname, "..", "..");
const JEST = join(PROJECT, "node_modules", "jest", "bin", "jest.js");

/** PATH without any folder that holds a terraform binary. */
const pathWithoutTerraform = (process.env.PATH ?? "")
  .split(delimiter)
  .filter((dir) => !findTerraform(dir))
  .join(delimiter);

interface Run {
  readonly status: number | null;
  /** stdout and stderr together, as a user reads them. */
  readonly output: string;
}

function runFixture(env: { PATH: string; CI?: string }): Run {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
  if (env.CI === undefined) delete childEnv.CI;
  // The child is a jest of its own, not a worker of this one.
  delete childEnv.JEST_WORKER_ID;
  const args = ["--config", join(PROJECT, "jest.config.js"), "--roots", join(__dirname, "terraform-gate")];
  const only = ["--testMatch", "**/needs-terraform.gate.ts", "--colors=false"];
  const result = spawnSync(process.execPath, [JEST, ...args, ...only], {
    cwd: PROJECT,
    env: childEnv,
    encoding: "utf8",
    timeout: 60_000,
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

const count = (text: string, line: string) => text.split("\n").filter((l) => l.trim() === line).length;

describe("terraform gate (a child jest over test/support/terraform-gate/)", () => {
  test("the fixture really has no terraform on the stripped PATH", () => {
    expect(findTerraform(pathWithoutTerraform)).toBeUndefined();
  });

  test("on CI without terraform the run fails before any test, with one line", () => {
    const run = runFixture({ PATH: pathWithoutTerraform, CI: "true" });
    expect(run.status).toBe(1);
    expect(run.output.trim()).toBe("terraform is required on CI: install terraform >= 1.9 or put it on PATH");
  });

  test("locally without terraform the four tests are real skips, counted in one summary line", () => {
    const run = runFixture({ PATH: pathWithoutTerraform });
    expect(run.status).toBe(0);
    expect(run.output).toMatch(/^Tests: +4 skipped, 1 passed, 5 total$/m);
    expect(count(run.output, "4 terraform-backed tests skipped: terraform is not on PATH")).toBe(1);
    expect(run.output).not.toContain("SKIPPED");
  });

  tfTest(
    "with terraform on PATH, on CI too, the same five tests run and pass, and nothing is skipped",
    () => {
      const run = runFixture({ PATH: process.env.PATH ?? "", CI: "true" });
      expect(run.status).toBe(0);
      expect(run.output).toMatch(/^Tests: +5 passed, 5 total$/m);
      expect(run.output).not.toContain("terraform-backed");
    },
  );
});
