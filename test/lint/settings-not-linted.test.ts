import { spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const projectRoot = join(__dirname, "..", "..");
const prettier = join(projectRoot, "node_modules", ".bin", "prettier");
const settings = { language: "typescript", app: "node main.js", context: { environments: [{ name: "tz" }] } };

/** How JSON tools save a file: Python's json.dump(indent=4), json.dump(indent=2) with ", " and one line. */
const toolLayouts: Readonly<Record<string, string>> = {
  "json.dump indent=4": JSON.stringify(settings, null, 4),
  "json.dump indent=2, no final newline": JSON.stringify(settings, null, 2),
  "json.dump one line": JSON.stringify(settings).replace(/,/g, ", ").replace(/:/g, ": "),
};

/** `prettier --check .` (what `npm run lint` runs) in a scratch project holding these files. */
function prettierCheck(files: Readonly<Record<string, string>>, withIgnoreFile: boolean) {
  const dir = mkdtempSync(join(tmpdir(), "stm-prettier-"));
  try {
    if (withIgnoreFile) copyFileSync(join(projectRoot, ".prettierignore"), join(dir, ".prettierignore"));
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    return spawnSync(prettier, ["--check", "."], { cwd: dir, encoding: "utf8" });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("cdktf.json and the environments file are the user's: their layout never fails npm test", () => {
  it.each(Object.entries(toolLayouts))("cdktf.json saved by %s passes the lint", (_layout, text) => {
    expect(prettierCheck({ "cdktf.json": text }, true).status).toBe(0);
  });

  it("an environments file saved by json.dump passes the lint", () => {
    const environments = JSON.stringify([{ name: "tz", accountId: "123456789012" }], null, 4);
    expect(prettierCheck({ "environments.json": environments }, true).status).toBe(0);
  });

  it("without the project's ignore file the same layout fails (the check above can fail)", () => {
    const result = prettierCheck({ "cdktf.json": toolLayouts["json.dump indent=4"] }, false);
    expect(result.status).toBe(1);
    expect(result.stderr + result.stdout).toContain("cdktf.json");
  });

  it("other JSON in the project is still checked", () => {
    expect(prettierCheck({ "other.json": JSON.stringify(settings, null, 4) }, true).status).toBe(1);
  });
});
