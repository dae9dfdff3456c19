import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseSettings } from "../../lib/config/load-settings";
import { UserError } from "../../lib/errors";

const projectContext = (): Record<string, unknown> =>
  JSON.parse(readFileSync(join(__dirname, "../../cdktf.json"), "utf8")).context;

describe("settings", () => {
  it("accepts the project's own cdktf.json context", () => {
    expect(parseSettings(projectContext()).examples.environmentName).toBe("tz");
  });

  it("refuses an unknown key, naming it", () => {
    const context = { ...projectContext(), reposiotryUrl: "x" };
    expect(() => parseSettings(context)).toThrow(UserError);
    expect(() => parseSettings(context)).toThrow(/context\.reposiotryUrl = "x": unknown key/);
  });

  it("refuses an ill-typed value, naming the key and the value", () => {
    const context = projectContext();
    const examples = { ...(context.examples as object), accountId: 1234 };
    expect(() => parseSettings({ ...context, examples })).toThrow(/context\.examples\.accountId = 1234/);
  });
});
