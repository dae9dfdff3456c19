import { createHash } from "node:crypto";
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { format } from "@cdktf/hcl-tools";
import { formatHcl, isFormattingOf } from "../../lib/packager/format-hcl";

/** Where the cache keeps the entry for a text: node_modules/.cache/secure-tf-modules/hcl-format/<sha256>.tf */
function entryPath(text: string): string {
  const toolsJson = require.resolve("@cdktf/hcl-tools/package.json");
  const version = (JSON.parse(readFileSync(toolsJson, "utf8")) as { version: string }).version;
  const key = createHash("sha256").update(version).update("\0").update(text).digest("hex");
  return join(dirname(toolsJson), "..", "..", ".cache", "secure-tf-modules", "hcl-format", `${key}.tf`);
}

function plant(text: string, entry: string): string {
  const path = entryPath(text);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, entry);
  return path;
}

/** A policy output like state-access-policy/outputs.tf, unique per test so no earlier run cached it. */
const policyText = (tag: string) =>
  `output "p" {\nvalue = jsonencode({ Statement = [{ Action = ["s3:GetObject"], Resource = "arn:aws:s3:::b/k" }] })\n}\n# ${tag} ${Date.now()} ${Math.random()}\n`;

describe("formatHcl", () => {
  it("returns exactly what hcl-tools format returns, from the cache on the second call too", async () => {
    const text = `resource "x" "y" {\na = 1\nlonger_name = "v"\n}\n# ${Date.now()}\n`;
    const expected = await format(text);
    expect(await formatHcl(text)).toBe(expected);
    expect(await formatHcl(text)).toBe(expected);
  });

  it("never ships an entry whose actions were edited, and replaces it", async () => {
    const text = policyText("edited");
    const expected = await format(text);
    const path = plant(text, expected.replace('["s3:GetObject"]', '["s3:*", "iam:*"]'));
    expect(await formatHcl(text)).toBe(expected);
    expect(readFileSync(path, "utf8")).toBe(expected);
  });

  it("never ships a truncated entry (it would fail terraform fmt)", async () => {
    const text = policyText("truncated");
    const expected = await format(text);
    plant(text, expected.slice(0, expected.length - 1));
    expect(await formatHcl(text)).toBe(expected);
    plant(text, expected.slice(0, 20));
    expect(await formatHcl(text)).toBe(expected);
    plant(text, "");
    expect(await formatHcl(text)).toBe(expected);
  });

  it("never ships an entry that changed the spaces inside a string", async () => {
    const text = `locals {\nmessage = "a b"\n}\n# ${Date.now()} ${Math.random()}\n`;
    const expected = await format(text);
    plant(text, expected.replace('"a b"', '"ab "'));
    expect(await formatHcl(text)).toBe(expected);
  });

  it('with the cache "off" (the drift gate) reads no entry, even one that passes the check', async () => {
    const text = `locals {\na    =    1\n}\n# ${Date.now()} ${Math.random()}\n`;
    plant(text, text); // the unformatted input is a "formatting" of itself
    expect(await formatHcl(text, "off")).toBe(await format(text));
    expect(await formatHcl(text, "off")).not.toBe(text);
  });
});

describe("isFormattingOf", () => {
  it("accepts a change of layout only", () => {
    expect(isFormattingOf('a = "x y"\nbb = 2\n', 'a  =  "x y"\n  bb=2\n')).toBe(true);
  });
  it.each([
    ["an added action", 'a = ["s3:*", "iam:*"]\n', 'a = ["s3:*"]\n'],
    ["a lost final newline", "a = 1", "a = 1\n"],
    ["spaces moved inside a string", 'a = "xy "\n', 'a = "x y"\n'],
  ])("refuses %s", (_what, candidate, input) => {
    expect(isFormattingOf(candidate, input)).toBe(false);
  });
});
