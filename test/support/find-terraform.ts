import { existsSync } from "node:fs";
import { delimiter, join } from "node:path";

/**
 * The one place that decides whether terraform-backed tests can run. It has no jest globals, so
 * the global setup (which runs outside any test file) can use it too.
 */

/** Path of the terraform binary on PATH, or undefined when there is none. */
export function findTerraform(path: string = process.env.PATH ?? ""): string | undefined {
  for (const dir of path.split(delimiter)) {
    const candidate = join(dir, "terraform");
    if (dir && existsSync(candidate)) return candidate;
  }
  return undefined;
}

/** CI systems set CI=true; "false", "0" or empty mean a developer's machine. */
export function onCi(value: string | undefined = process.env.CI): boolean {
  return value !== undefined && !["", "0", "false"].includes(value.trim().toLowerCase());
}

/** What a CI run without terraform fails with: the terraform-backed proofs are not optional there. */
export const TERRAFORM_REQUIRED_ON_CI =
  "terraform is required on CI: install terraform >= 1.9 or put it on PATH";

/**
 * Appended to the name of every test skipped for lack of terraform. The jest reporter
 * test/support/terraform-skip-reporter.js counts skipped tests by this suffix (it is plain JS and
 * repeats the text; terraform-gate.proof.test.ts fails if the two disagree).
 */
export const NEEDS_TERRAFORM = " [needs terraform]";
