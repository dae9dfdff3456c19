import { escapeHclLiteral, fillTemplate, placeholdersOf, templateToHcl } from "../../lib/hcl/template";

describe("policy templates", () => {
  it("escapes HCL template openers in literal text so Terraform does not interpolate them", () => {
    expect(escapeHclLiteral('a ${b} %{c} "d" \\')).toBe('a $${b} %%{c} \\"d\\" \\\\');
  });

  it("renders placeholders as interpolations and the rest as literal text", () => {
    expect(templateToHcl("arn:aws:s3:::{bucket_name}/${X}", { bucket_name: "var.bucket_name" })).toBe(
      '"arn:aws:s3:::${var.bucket_name}/$${X}"',
    );
  });

  it("fills placeholders and refuses a missing value by name", () => {
    expect(fillTemplate("{a}-{b}", { a: "x", b: "y" })).toBe("x-y");
    expect(() => fillTemplate("{a}-{b}", { a: "x" })).toThrow(/parameter "b"/);
    expect(placeholdersOf("{a}{b}{a}")).toEqual(["a", "b"]);
  });
});
