import { readFileSync } from "node:fs";
import { join } from "node:path";
import { problemsOf } from "./problems-of";

/** The shipped context with `count` environments, all of one account and region (e1 ... eN). */
function contextWith(count: number, extra: readonly object[] = []): Record<string, unknown> {
  const shipped = JSON.parse(readFileSync(join(__dirname, "..", "..", "cdktf.json"), "utf8")) as {
    context: Record<string, unknown>;
  };
  const environments = Array.from({ length: count }, (_, i) => ({
    name: `e${i}`,
    accountId: "123456789012",
    region: "eu-west-1",
  }));
  return { ...shipped.context, environments: [...environments, ...extra] };
}

// Issue 24: the per-account shadowing and duplicate scans compared every pair (50,000 took 562 s).
// The speed target (50,000 in under 10 s) is a row of `npm run bench`; here the jest timeout only
// stops a quadratic scan, which takes minutes, without timing a loaded machine.
describe("settings validation scales linearly with the environments of one account", () => {
  it("validates 50,000 environments of one account", () => {
    expect(problemsOf(contextWith(50_000))).toEqual([]);
  }, 60_000);

  it("refuses a duplicate and a shadowing name among 50,000, naming both", () => {
    const context = contextWith(50_000, [
      { name: "e7", accountId: "123456789012", region: "eu-west-1" },
      { name: "e9-x", accountId: "123456789012", region: "us-east-1" },
    ]);
    const problems = problemsOf(context);
    expect(problems).toHaveLength(2);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/environments\.50000\.name.*must be unique per account and region: "e7"/),
        expect.stringMatching(/environments\.50001\.name.*must not start with "e9-"/),
      ]),
    );
  }, 60_000);
});
