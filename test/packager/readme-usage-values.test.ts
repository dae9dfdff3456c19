import { renderReadme } from "../../lib/packager/render-readme";
import type { CleanModule } from "../../lib/packager/clean-module";

const fixture: CleanModule = {
  moduleName: "fixture",
  main: {},
  moved: [],
  variables: {
    bucket_name: { type: "string", description: "Bucket." },
    names: { type: "${list(string)}", description: "Names." },
    prefix: { type: "string", description: "Prefix.", default: "tz/" },
  },
  outputs: {},
  terraform: { required_version: ">= 1.9.0" },
};

const render = (usage: Readonly<Record<string, unknown>>) =>
  renderReadme({
    module: fixture,
    docs: { purpose: "Fixture.", usage },
    flavour: "hcl",
    repositoryUrl: "https://example.com/org/repo.git",
    version: "1.0.0",
  });

describe("README usage block", () => {
  it("sets every required input to its documented value as HCL, aligned, optional inputs left out", () => {
    const readme = render({ bucket_name: "tz-state", names: ["a", "b"] });
    expect(readme).toContain('  bucket_name = "tz-state"\n  names       = ["a", "b"]\n}');
    expect(readme).not.toMatch(/^\s*prefix\s*=/m);
    expect(readme).not.toContain("(required)");
  });

  it("refuses a required input without a documented value, naming the module, the input and the fix", () => {
    expect(() => render({ bucket_name: "tz-state" })).toThrow(
      "Module fixture: required input \"names\" has no value for the README's usage block; add it to the module's docs.usage.",
    );
  });
});
