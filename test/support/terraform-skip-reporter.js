// @ts-check
// Jest loads reporters with a plain require (no transform), so this one file is JavaScript.

/** Must equal NEEDS_TERRAFORM in find-terraform.ts (test/support/terraform-gate.test.ts fails if not). */
const NEEDS_TERRAFORM = " [needs terraform]";

/** @typedef {import("@jest/reporters").Reporter} Reporter */

/**
 * Counts the tests skipped because terraform is not on PATH and prints one line at the end of the
 * run, so a local run that did not evaluate the modules says so instead of looking fully green.
 * @implements {Reporter}
 */
class TerraformSkipReporter {
  constructor() {
    this.skipped = 0;
  }

  /**
   * @param {import("@jest/reporters").Test} _test
   * @param {import("@jest/reporters").TestResult} result
   */
  onTestResult(_test, result) {
    for (const test of result.testResults) {
      const names = [...test.ancestorTitles, test.title];
      if (test.status === "pending" && names.some((name) => name.endsWith(NEEDS_TERRAFORM)))
        this.skipped += 1;
    }
  }

  onRunComplete() {
    if (this.skipped === 0) return;
    const tests = this.skipped === 1 ? "test" : "tests";
    process.stderr.write(`\n${this.skipped} terraform-backed ${tests} skipped: terraform is not on PATH\n`);
  }

  /** Never fails the run: on CI the global setup has already failed it when terraform is missing. */
  getLastError() {
    return undefined;
  }
}

module.exports = TerraformSkipReporter;
