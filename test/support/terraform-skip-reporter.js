// @ts-check
// Jest loads reporters with a plain require (no transform), so this one file is JavaScript.

/** Must equal NEEDS_TERRAFORM in find-terraform.ts (test/support/terraform-gate.proof.test.ts fails if not). */
const NEEDS_TERRAFORM = " [needs terraform]";
/** Must equal NEEDS_LOCAL_AWS in local-aws.ts. */
const NEEDS_LOCAL_AWS = " [needs local AWS]";

/** @typedef {import("@jest/reporters").Reporter} Reporter */

/**
 * Counts the tests skipped because terraform is not on PATH and prints one line at the end of the
 * run, so a local run that did not evaluate the modules says so instead of looking fully green.
 * @implements {Reporter}
 */
class TerraformSkipReporter {
  constructor() {
    this.skipped = 0;
    this.skippedLocalAws = 0;
  }

  /**
   * @param {import("@jest/reporters").Test} _test
   * @param {import("@jest/reporters").TestResult} result
   */
  onTestResult(_test, result) {
    for (const test of result.testResults) {
      const names = [...test.ancestorTitles, test.title];
      if (test.status !== "pending") continue;
      if (names.some((name) => name.endsWith(NEEDS_TERRAFORM))) this.skipped += 1;
      if (names.some((name) => name.endsWith(NEEDS_LOCAL_AWS))) this.skippedLocalAws += 1;
    }
  }

  onRunComplete() {
    /** @param {number} n */
    const tests = (n) => (n === 1 ? "test" : "tests");
    if (this.skipped > 0)
      process.stderr.write(
        `\n${this.skipped} terraform-backed ${tests(this.skipped)} skipped: terraform is not on PATH\n`,
      );
    if (this.skippedLocalAws > 0)
      process.stderr.write(
        `\n${this.skippedLocalAws} local-AWS ${tests(this.skippedLocalAws)} skipped: needs moto_server, terraform and the provider mirror (README "Proofs")\n`,
      );
  }

  /** Never fails the run: on CI the global setup has already failed it when terraform is missing. */
  getLastError() {
    return undefined;
  }
}

module.exports = TerraformSkipReporter;
