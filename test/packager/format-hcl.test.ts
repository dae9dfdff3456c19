import { format } from "@cdktf/hcl-tools";
import { formatHcl } from "../../lib/packager/format-hcl";

describe("formatHcl", () => {
  it("returns exactly what hcl-tools format returns, from the cache on the second call too", async () => {
    const text = `resource "x" "y" {\na = 1\nlonger_name = "v"\n}\n# ${Date.now()}\n`;
    const expected = await format(text);
    expect(await formatHcl(text)).toBe(expected);
    expect(await formatHcl(text)).toBe(expected);
  });
});
