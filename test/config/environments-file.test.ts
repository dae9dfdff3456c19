import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadSettings } from "../../lib/config/load-settings";
import { UserError } from "../../lib/errors";

const projectRoot = join(__dirname, "../..");
const projectConfig = () => JSON.parse(readFileSync(join(projectRoot, "cdktf.json"), "utf8"));
const REGIONS = ["eu-west-1", "us-east-1", "ap-southeast-2", "eu-central-1"];
const environments = (count: number) =>
  Array.from({ length: count }, (_, i) => ({
    name: "tz",
    accountId: String(100000000000 + Math.floor(i / REGIONS.length)),
    region: REGIONS[i % REGIONS.length],
  }));

/** A project folder with cdktf.json whose context is changed by `edit`, and extra files. */
function project(
  edit: (context: Record<string, unknown>) => void,
  files: Record<string, string> = {},
): string {
  const dir = mkdtempSync(join(tmpdir(), "stm-envfile-"));
  const config = projectConfig();
  edit(config.context);
  writeFileSync(join(dir, "cdktf.json"), JSON.stringify(config, null, 2));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

function problemsOf(dir: string): readonly string[] {
  try {
    loadSettings(dir);
    return [];
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    return [error.message.split("\n")[0], ...error.problems];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const withFile = (list: unknown) =>
  project(
    (context) => {
      delete context.environments;
      context.environmentsFile = "environments.json";
    },
    { "environments.json": JSON.stringify(list) },
  );

describe("environments may live in a file referenced from cdktf.json", () => {
  it("reads the list from the file", () => {
    const dir = withFile(environments(3));
    try {
      expect(loadSettings(dir).environments.map((env) => env.region)).toEqual(REGIONS.slice(0, 3));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("checks the file's entries with the same schema, naming the file", () => {
    const problems = problemsOf(
      withFile([...environments(1), { name: "tz", accountId: "1", region: "eu-west-1" }]),
    );
    expect(problems[0]).toContain("(environments from ");
    expect(problems[0]).toContain("environments.json)");
    expect(problems[1]).toMatch(/^context\.environments\.1\.accountId = "1": must be/);
  });

  it.each([
    [
      "both keys set",
      (c: Record<string, unknown>) => (c.environmentsFile = "environments.json"),
      /are both set: keep one/,
    ],
    [
      "a missing file",
      (c: Record<string, unknown>) => {
        delete c.environments;
        c.environmentsFile = "missing.json";
      },
      /missing\.json cannot be read \(ENOENT\)/,
    ],
    [
      "a path outside the project",
      (c: Record<string, unknown>) => {
        delete c.environments;
        c.environmentsFile = "../environments.json";
      },
      /context\.environmentsFile = "\.\.\/environments\.json": must be a relative path/,
    ],
  ])("refuses %s in one line", (_name, edit, message) => {
    const problems = problemsOf(project(edit));
    expect(problems.join("\n")).toMatch(message);
  });
});
