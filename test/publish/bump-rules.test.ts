import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { PermissionChange } from "../../lib/diff/permission-diff";
import type { PermissionRow } from "../../lib/diff/policy-rows";
import type { ModuleSemanticDiff } from "../../lib/diff/semantic-diff";
import { diffRows } from "../../lib/diff/permission-diff";
import { permissionRows } from "../../lib/diff/policy-rows";
import { BUMP_RULES, bumpTable, decideBump } from "../../lib/publish/bump";

const NO_CHANGE: ModuleSemanticDiff = {
  module: "m",
  variablesAdded: [],
  variablesRemoved: [],
  variablesChanged: [],
  outputsAdded: [],
  outputsRemoved: [],
  resourcesAdded: [],
  resourcesRemoved: [],
  resourcesRenamed: [],
  resourcesChanged: [],
};
const moduleWith = (change: Partial<ModuleSemanticDiff>): ModuleSemanticDiff => ({ ...NO_CHANGE, ...change });
const row = (action: string, resource = "arn:aws:s3:::b/tz/*", effect = "Allow"): PermissionRow => ({
  effect,
  action,
  resource,
  condition: "",
});
const policy = (
  attached: boolean,
  added: PermissionRow[],
  removed: PermissionRow[] = [],
): PermissionChange => ({
  module: "m",
  address: attached ? "output.runtime_policy_json" : "aws_iam_policy.this.policy",
  attached,
  added,
  removed,
});

/** One case per row of BUMP_RULES; the last row (identical module folders) is publish-truth's first test. */
const CASES: ReadonlyArray<[keyof typeof BUMP_RULES, ModuleSemanticDiff | undefined, PermissionChange[]]> = [
  ["interfaceRemoved", moduleWith({ outputsRemoved: ["bucket_arn"] }), []],
  ["interfaceRemoved", moduleWith({ variablesRemoved: ["tags"] }), []],
  [
    "requiredInput",
    moduleWith({
      variablesAdded: [{ name: "x", spec: { type: "string", default: undefined, required: true } }],
    }),
    [],
  ],
  [
    "requiredInput",
    moduleWith({
      variablesChanged: [{ name: "x", changes: [{ field: "required", before: "false", after: "true" }] }],
    }),
    [],
  ],
  [
    "typeChanged",
    moduleWith({
      variablesChanged: [{ name: "x", changes: [{ field: "type", before: "string", after: "number" }] }],
    }),
    [],
  ],
  [
    "addressChanged",
    moduleWith({ resourcesRenamed: [{ from: "aws_s3_bucket.a", to: "aws_s3_bucket.b" }] }),
    [],
  ],
  ["addressChanged", moduleWith({ resourcesRemoved: ["aws_kms_key.this"] }), []],
  ["attachedNarrowed", undefined, [policy(true, [], [row("s3:GetObject")])]],
  [
    "attachedNarrowed",
    undefined,
    [policy(true, [row("s3:GetObject", "arn:aws:s3:::b/tz/v1/*")], [row("s3:GetObject")])],
  ],
  ["attachedNarrowed", undefined, [policy(true, [row("s3:PutObject", "*", "Deny")])]],
  ["appliedNarrowed", undefined, [policy(false, [], [row("s3:GetObject")])]],
  ["permissionAdded", undefined, [policy(true, [row("s3:DeleteObject")])]],
  ["permissionAdded", undefined, [policy(false, [row("s3:DeleteObject")])]],
  [
    "permissionAdded",
    undefined,
    [policy(true, [row("s3:GetObject", "arn:aws:s3:::b/*")], [row("s3:GetObject")])],
  ],
  ["permissionAdded", undefined, [policy(true, [], [row("s3:PutObject", "*", "Deny")])]],
  [
    "interfaceAdded",
    moduleWith({
      variablesAdded: [{ name: "x", spec: { type: "string", default: '"a"', required: false } }],
    }),
    [],
  ],
  ["interfaceAdded", moduleWith({ outputsAdded: ["x"] }), []],
  [
    "interfaceAdded",
    moduleWith({
      variablesChanged: [{ name: "x", changes: [{ field: "default", before: '"a"', after: '"b"' }] }],
    }),
    [],
  ],
  ["otherChange", undefined, []],
  ["otherChange", moduleWith({ resourcesChanged: ["aws_s3_bucket.this"] }), []],
];

describe("bump rules (README table, one case per row)", () => {
  it.each(
    CASES.map(
      ([rule, module, permissions], index) => [`${index}: ${rule}`, rule, module, permissions] as const,
    ),
  )("%s", (_name, rule, module, permissions) => {
    expect(decideBump(module, permissions).bump).toBe(BUMP_RULES[rule].level);
  });

  it("covers every row that decideBump applies", () => {
    const covered = new Set(CASES.map(([rule]) => rule));
    expect(Object.keys(BUMP_RULES).filter((rule) => !covered.has(rule as keyof typeof BUMP_RULES))).toEqual([
      "noChange",
    ]);
  });

  it("README.md shows exactly the table the code applies", () => {
    const readme = readFileSync(join(__dirname, "..", "..", "README.md"), "utf8");
    expect(readme).toContain(bumpTable());
  });

  it("names the rows that changed in the reason", () => {
    const decision = decideBump(undefined, [policy(true, [], [row("s3:GetObject"), row("s3:PutObject")])]);
    expect(decision.reasons).toEqual([
      "`output.runtime_policy_json`: 2 permission row(s) removed or narrowed (Allow s3:GetObject, Allow s3:PutObject)",
    ]);
  });
});

describe("conditions are part of a permission", () => {
  const CONDITION = { StringLike: { "s3:prefix": ["tz/v1/*"] } };
  const listBucket = (condition?: object): string =>
    JSON.stringify({
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Action: "s3:ListBucket",
          Resource: "arn:aws:s3:::b",
          ...(condition ? { Condition: condition } : {}),
        },
      ],
    });
  const change = (before: string, after: string, attached: boolean): PermissionChange => ({
    module: "m",
    address: attached ? "output.runtime_policy_json" : "aws_iam_policy.this.policy",
    attached,
    ...diffRows(permissionRows(before), permissionRows(after)),
  });

  it.each([true, false])(
    "an Allow row that loses its condition is a widening, never a patch (attached %s)",
    (attached) => {
      const decision = decideBump(undefined, [change(listBucket(CONDITION), listBucket(), attached)]);
      expect(decision.bump).toBe("minor");
      expect(decision.reasons).toEqual([
        `\`${attached ? "output.runtime_policy_json" : "aws_iam_policy.this.policy"}\`: 1 permission row(s) added or widened (Allow s3:ListBucket)`,
      ]);
    },
  );

  it("an Allow row that gains a condition narrows what consumers attached: major", () => {
    const decision = decideBump(undefined, [change(listBucket(), listBucket(CONDITION), true)]);
    expect(decision.bump).toBe("major");
    expect(decision.reasons[0]).toContain("removed or narrowed (Allow s3:ListBucket)");
  });

  it("a changed condition value is seen (not a patch)", () => {
    const other = { StringLike: { "s3:prefix": ["tz/*"] } };
    expect(decideBump(undefined, [change(listBucket(CONDITION), listBucket(other), true)]).bump).toBe(
      "major",
    );
  });
});
