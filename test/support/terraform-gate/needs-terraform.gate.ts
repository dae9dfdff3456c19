import { requireTerraform, runTerraform, tfDescribe, tfTest } from "../terraform";

/**
 * Fixture for terraform-gate.proof.test.ts, run by a child jest (its name does not match *.test.ts):
 * one tfTest, a two-row tfTest.each and a tfDescribe holding one test and a hook: four tests.
 */
const version = () => runTerraform(requireTerraform(), ".", ["version"]).stdout;

tfTest("runs terraform", () => {
  expect(version()).toMatch(/^Terraform v1\./);
});

tfTest.each([["a"], ["b"]])("row %s runs terraform", () => {
  expect(version()).toMatch(/^Terraform v1\./);
});

tfDescribe("a block that needs terraform", () => {
  let text = "";
  beforeAll(() => {
    text = version();
  });
  test("sees what its hook computed", () => {
    expect(text).toMatch(/^Terraform v1\./);
  });
});

test("a test that does not need terraform", () => {
  expect(1 + 1).toBe(2);
});
