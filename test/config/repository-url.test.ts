import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseSettings } from "../../lib/config/load-settings";
import { UserError } from "../../lib/errors";
import { gitSource } from "../../lib/naming/module-source";

const context = (repositoryUrl: string): Record<string, unknown> => ({
  ...JSON.parse(readFileSync(join(__dirname, "../../cdktf.json"), "utf8")).context,
  repositoryUrl,
});

function problemsOf(repositoryUrl: string): readonly string[] {
  try {
    parseSettings(context(repositoryUrl));
    return [];
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    return error.problems;
  }
}

describe("repositoryUrl: only git URLs Terraform understands", () => {
  it.each([
    "https://github.com/example-org/secure-tf-modules.git",
    "https://git.example.com:8443/platform/modules",
    "ssh://git@github.com/example-org/secure-tf-modules.git",
    "git@github.com:example-org/secure-tf-modules.git",
    "git::https://github.com/example-org/secure-tf-modules.git",
    "git::git@github.com:example-org/secure-tf-modules.git",
    "file:///srv/git/secure-tf-modules",
  ])("accepts %s", (url) => {
    expect(problemsOf(url)).toEqual([]);
  });

  it.each([
    ['https://github.com/o/r.git"', "a quote ends the snippet's string"],
    ['https://github.com/o/r.git"#x', "the ?ref= pin becomes a comment"],
    ["https://github.com/o/r.git#main", "a fragment"],
    ["https://github.com/o/r.git?ref=main", "a second ?ref="],
    ["https://github.com/o/r.git//sub", "go-getter's subdirectory separator"],
    ["https://github.com/o/${var.x}", "an interpolation"],
    ["http://github.com/o/r.git", "plain http"],
    ["file://relative/path", "a relative file URL"],
    ["github.com/o/r", "no scheme"],
    ["https://github.com/o/r.git\n", "a newline"],
  ])("refuses %j (%s) naming the key, the value and the fix", (url) => {
    const problems = problemsOf(url);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(
      `context.repositoryUrl = ${JSON.stringify(url)}: must be a git URL Terraform understands`,
    );
    expect(problems[0]).not.toContain("\n");
  });

  it("a git:: prefix in the setting is not doubled in the module source", () => {
    expect(gitSource("git::https://h.example/o/r.git", "state-backend", "state-backend-v1.0.0")).toBe(
      "git::https://h.example/o/r.git//modules-out/hcl/state-backend?ref=state-backend-v1.0.0",
    );
  });
});
