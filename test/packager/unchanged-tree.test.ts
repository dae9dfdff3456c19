import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { writeTreeAtomically } from "../../lib/packager/atomic-tree";

describe("writeTreeAtomically on an unchanged tree", () => {
  let parent: string;
  beforeEach(() => (parent = mkdtempSync(join(tmpdir(), "stm-unchanged-"))));
  afterEach(() => rmSync(parent, { recursive: true, force: true }));

  const files = new Map([
    ["hcl/a/main.tf", "a\n"],
    ["policies/p.json", "{}\n"],
  ]);

  it("leaves the existing folder in place when every file is already identical", async () => {
    const out = join(parent, "modules-out");
    await writeTreeAtomically(out, files);
    const before = statSync(join(out, "hcl/a/main.tf")).ino;
    await writeTreeAtomically(out, files);
    expect(statSync(join(out, "hcl/a/main.tf")).ino).toBe(before);
  });

  it("swaps in a new tree when one byte or one extra file differs", async () => {
    const out = join(parent, "modules-out");
    await writeTreeAtomically(out, files);
    writeFileSync(join(out, "hcl/a/main.tf"), "edited\n");
    await writeTreeAtomically(out, files);
    expect(readFileSync(join(out, "hcl/a/main.tf"), "utf8")).toBe("a\n");

    writeFileSync(join(out, "stray.txt"), "x");
    const before = statSync(join(out, "hcl/a/main.tf")).ino;
    await writeTreeAtomically(out, files);
    expect(() => statSync(join(out, "stray.txt"))).toThrow();
    expect(statSync(join(out, "hcl/a/main.tf")).ino).not.toBe(before);
  });
});
