import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { PermissionChange } from "../../lib/diff/permission-diff";
import type { PermissionRow } from "../../lib/diff/policy-rows";
import type { ModuleSemanticDiff } from "../../lib/diff/semantic-diff";
import { diffRows } from "../../lib/diff/permission-diff";
import { permissionRows } from "../../lib/diff/policy-rows";
import { BUMP_RULES, bumpTable, decideBump, nextVersion } from "../../lib/publish/bump";

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

const ATTACHED = "`output.runtime_policy_json`";
const APPLIED = "`aws_iam_policy.this.policy`";

/**
 * One case per row of BUMP_RULES, with the exact reasons the changelog shows; the last row (identical
 * module folders) is publish-truth's first test.
 */
const CASES: ReadonlyArray<
  [keyof typeof BUMP_RULES, ModuleSemanticDiff | undefined, PermissionChange[], string[]]
> = [
  ["interfaceRemoved", moduleWith({ outputsRemoved: ["bucket_arn"] }), [], ["output `bucket_arn` removed"]],
  ["interfaceRemoved", moduleWith({ variablesRemoved: ["tags"] }), [], ["variable `tags` removed"]],
  [
    "requiredInput",
    moduleWith({
      variablesAdded: [{ name: "x", spec: { type: "string", default: undefined, required: true } }],
    }),
    [],
    ["new required variable `x`"],
  ],
  [
    "requiredInput",
    moduleWith({
      variablesChanged: [{ name: "x", changes: [{ field: "required", before: "false", after: "true" }] }],
    }),
    [],
    ["variable `x` became required"],
  ],
  [
    "typeChanged",
    moduleWith({
      variablesChanged: [{ name: "x", changes: [{ field: "type", before: "string", after: "number" }] }],
    }),
    [],
    ["variable `x` type string -> number"],
  ],
  [
    "addressChanged",
    moduleWith({ resourcesRenamed: [{ from: "aws_s3_bucket.a", to: "aws_s3_bucket.b" }] }),
    [],
    ["resource address `aws_s3_bucket.a` -> `aws_s3_bucket.b` (moved block added)"],
  ],
  [
    "addressChanged",
    moduleWith({ resourcesRemoved: ["aws_kms_key.this"] }),
    [],
    ["resource `aws_kms_key.this` removed"],
  ],
  [
    "attachedNarrowed",
    undefined,
    [policy(true, [], [row("s3:GetObject")])],
    [`${ATTACHED}: 1 permission row(s) removed or narrowed (Allow s3:GetObject)`],
  ],
  [
    "attachedNarrowed",
    undefined,
    [policy(true, [row("s3:GetObject", "arn:aws:s3:::b/tz/v1/*")], [row("s3:GetObject")])],
    [`${ATTACHED}: 1 permission row(s) removed or narrowed (Allow s3:GetObject)`],
  ],
  [
    "attachedNarrowed",
    undefined,
    [policy(true, [row("s3:PutObject", "*", "Deny")])],
    [`${ATTACHED}: 1 permission row(s) removed or narrowed (Deny s3:PutObject)`],
  ],
  [
    "appliedNarrowed",
    undefined,
    [policy(false, [], [row("s3:GetObject")])],
    [`${APPLIED}: 1 permission row(s) removed or narrowed (Allow s3:GetObject)`],
  ],
  [
    "appliedNarrowed",
    undefined,
    [policy(false, [row("s3:PutObject", "*", "Deny")])],
    [`${APPLIED}: 1 permission row(s) removed or narrowed (Deny s3:PutObject)`],
  ],
  [
    "appliedNarrowed",
    undefined,
    [
      policy(
        false,
        [row("s3:GetObject", "arn:aws:s3:::b/tz/v1/*")],
        [row("s3:GetObject", "arn:aws:s3:::b/*")],
      ),
    ],
    [`${APPLIED}: 1 permission row(s) removed or narrowed (Allow s3:GetObject)`],
  ],
  [
    "permissionAdded",
    undefined,
    [policy(true, [row("s3:DeleteObject")])],
    [`${ATTACHED}: 1 permission row(s) added or widened (Allow s3:DeleteObject)`],
  ],
  [
    "permissionAdded",
    undefined,
    [policy(false, [row("s3:DeleteObject")])],
    [`${APPLIED}: 1 permission row(s) added or widened (Allow s3:DeleteObject)`],
  ],
  [
    "permissionAdded",
    undefined,
    [policy(true, [row("s3:GetObject", "arn:aws:s3:::b/*")], [row("s3:GetObject")])],
    [`${ATTACHED}: 1 permission row(s) added or widened (Allow s3:GetObject)`],
  ],
  [
    "permissionAdded",
    undefined,
    [policy(true, [], [row("s3:PutObject", "*", "Deny")])],
    [`${ATTACHED}: 1 permission row(s) added or widened (Deny s3:PutObject)`],
  ],
  [
    "interfaceAdded",
    moduleWith({
      variablesAdded: [{ name: "x", spec: { type: "string", default: '"a"', required: false } }],
    }),
    [],
    ["optional variable `x` added"],
  ],
  ["interfaceAdded", moduleWith({ outputsAdded: ["x"] }), [], ["output `x` added"]],
  [
    "interfaceAdded",
    moduleWith({ resourcesAdded: ["aws_s3_bucket_logging.this"] }),
    [],
    ["resource `aws_s3_bucket_logging.this` added"],
  ],
  [
    "interfaceAdded",
    moduleWith({
      variablesChanged: [{ name: "x", changes: [{ field: "default", before: '"a"', after: '"b"' }] }],
    }),
    [],
    ['variable `x` default "a" -> "b"'],
  ],
  [
    "interfaceAdded",
    moduleWith({
      variablesChanged: [{ name: "x", changes: [{ field: "required", before: "true", after: "false" }] }],
    }),
    [],
    ["variable `x` required true -> false"],
  ],
  [
    "interfaceAdded",
    moduleWith({
      variablesChanged: [{ name: "x", changes: [{ field: "default", before: "false", after: "true" }] }],
    }),
    [],
    ["variable `x` default false -> true"],
  ],
  ["otherChange", undefined, [], [BUMP_RULES.otherChange.change]],
  [
    "otherChange",
    moduleWith({ resourcesChanged: ["aws_s3_bucket.this"] }),
    [],
    [BUMP_RULES.otherChange.change],
  ],
];

describe("bump rules (README table, one case per row)", () => {
  it.each(
    CASES.map(
      ([rule, module, permissions, reasons], index) =>
        [`${index}: ${rule}`, rule, module, permissions, reasons] as const,
    ),
  )("%s", (_name, rule, module, permissions, reasons) => {
    expect(decideBump(module, permissions)).toEqual({ bump: BUMP_RULES[rule].level, reasons });
  });

  it("covers every row that decideBump applies", () => {
    const covered = new Set(CASES.map(([rule]) => rule));
    expect(Object.keys(BUMP_RULES).filter((rule) => !covered.has(rule as keyof typeof BUMP_RULES))).toEqual([
      "noChange",
    ]);
  });

  it("README.md shows exactly the table the code applies", () => {
    const readme = readFileSync(join(__dirname, "..", "..", "README.md"), "utf8").split("\n");
    const header = readme.findIndex((line) => line.startsWith("| change in the module"));
    const end = readme.findIndex((line, index) => index > header && !line.startsWith("|"));
    expect(readme.slice(header, end).join("\n")).toBe(bumpTable());
  });

  it("names the rows that changed in the reason, at most four actions", () => {
    const actions = [
      "s3:GetObject",
      "s3:PutObject",
      "s3:DeleteObject",
      "s3:ListBucket",
      "s3:GetBucketTagging",
    ];
    const removing = (count: number): PermissionChange[] => [
      policy(
        true,
        [],
        actions.slice(0, count).map((a) => row(a)),
      ),
    ];
    expect(decideBump(undefined, removing(4)).reasons).toEqual([
      `${ATTACHED}: 4 permission row(s) removed or narrowed (Allow s3:GetObject, Allow s3:PutObject, Allow s3:DeleteObject, Allow s3:ListBucket)`,
    ]);
    expect(decideBump(undefined, removing(5)).reasons).toEqual([
      `${ATTACHED}: 5 permission row(s) removed or narrowed (Allow s3:GetObject, Allow s3:PutObject, Allow s3:DeleteObject, Allow s3:ListBucket, ...)`,
    ]);
  });

  it("names the probes that see a change, and a patch's changed files", () => {
    const seenBy = {
      ...policy(true, [row("s3:DeleteObject")]),
      probes: ["hcl, required inputs", "json, all inputs"],
    };
    expect(decideBump(undefined, [seenBy]).reasons).toEqual([
      `${ATTACHED} (with hcl, required inputs; json, all inputs): 1 permission row(s) added or widened (Allow s3:DeleteObject)`,
    ]);
    expect(decideBump(undefined, [], ["hcl/state-backend/README.md", "hcl/state-backend/main.tf"])).toEqual({
      bump: "patch",
      reasons: [`${BUMP_RULES.otherChange.change}: hcl/state-backend/README.md, hcl/state-backend/main.tf`],
    });
  });

  it("an Allow row under a condition is covered by a wider one under the same condition", () => {
    const under = (resource: string): PermissionRow => ({ ...row("s3:GetObject", resource), condition: "c" });
    const decision = decideBump(undefined, [
      policy(true, [under("arn:aws:s3:::b/*")], [under("arn:aws:s3:::b/tz/*")]),
    ]);
    expect(decision).toEqual({
      bump: "minor",
      reasons: [`${ATTACHED}: 1 permission row(s) added or widened (Allow s3:GetObject)`],
    });
  });
});

describe("next version", () => {
  it.each([
    [undefined, undefined, "1.0.0"],
    [undefined, "minor", "0.1.0"],
    [undefined, "major", "1.0.0"],
    ["1.2.3", undefined, "1.2.4"],
    ["1.2.3", "patch", "1.2.4"],
    ["1.2.3", "minor", "1.3.0"],
    ["1.2.3", "major", "2.0.0"],
  ] as const)("after %s with bump %s is %s", (previous, bump, next) => {
    expect(nextVersion(previous, bump)).toBe(next);
  });

  it("refuses a previous version that is not semver", () => {
    expect(() => nextVersion("v-one", "minor")).toThrow("Not a semantic version: v-one");
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
