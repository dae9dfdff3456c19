import { parsePublishArgs } from "../../lib/publish/publish-args";
import { UserError } from "../../lib/errors";

describe("publish flags", () => {
  it("reads the module, --bump and --dry-run", () => {
    expect(parsePublishArgs(["state-backend", "--bump", "minor", "--dry-run"])).toEqual({
      moduleName: "state-backend",
      bump: "minor",
      dryRun: true,
    });
    expect(parsePublishArgs(["state-backend"])).toEqual({
      moduleName: "state-backend",
      bump: undefined,
      dryRun: false,
    });
  });

  it.each([
    [
      ["state-backend", "--bump", "major", "--bump", "patch"],
      /conflicting flags --bump major and --bump patch/,
    ],
    [["state-backend", "--bump", "huge"], /--bump huge is not one of major, minor, patch/],
    [["a", "b"], /expected exactly one module name, got a, b/],
    [[], /expected exactly one module name, got none/],
    [["state-backend", "--force"], /Unknown option '--force'/],
  ])("refuses %j before any work", (args, message) => {
    expect(() => parsePublishArgs(args)).toThrow(UserError);
    expect(() => parsePublishArgs(args)).toThrow(message);
  });
});
