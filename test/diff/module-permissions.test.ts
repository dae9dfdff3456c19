import { hclLiteral } from "../../lib/diff/hcl-literal";

describe("hclLiteral", () => {
  it("escapes template text and keeps interpolations (with their own quoted strings) as written", () => {
    expect(hclLiteral('a "b"\n${coalesce(var.x, "${var.y}-z")}')).toBe(
      '"a \\"b\\"\\n${coalesce(var.x, "${var.y}-z")}"',
    );
    expect(hclLiteral({ k: ["$${literal}", 1, true, null] })).toBe('{"k" = ["$${literal}", 1, true, null]}');
  });
});
