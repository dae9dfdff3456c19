import semver from "semver";
import { actionMatches, wildcardMatches } from "../iam/match";
import type { PermissionChange } from "../diff/permission-diff";
import type { PermissionRow } from "../diff/policy-rows";
import type { ModuleSemanticDiff } from "../diff/semantic-diff";

export type BumpKind = "major" | "minor" | "patch";

/** One row of the bump table in README.md ("Diff and publish"); `decideBump` applies exactly these. */
export interface BumpRule {
  readonly level: BumpKind | "nothing to publish";
  readonly change: string;
}

export const BUMP_RULES = {
  interfaceRemoved: { level: "major", change: "variable or output removed" },
  requiredInput: { level: "major", change: "new required variable, or a variable became required" },
  typeChanged: { level: "major", change: "variable type changed" },
  addressChanged: {
    level: "major",
    change: "resource removed, or its address changed (a `moved` block is added)",
  },
  attachedNarrowed: {
    level: "major",
    change:
      "permission removed or narrowed (Allow row removed, Deny row added) in a policy the module outputs for consumers to attach",
  },
  appliedNarrowed: {
    level: "minor",
    change:
      "permission removed or narrowed in a policy the module applies itself (role, trust, bucket or key policy)",
  },
  permissionAdded: {
    level: "minor",
    change: "permission added or widened (Allow row added, Deny row removed)",
  },
  interfaceAdded: {
    level: "minor",
    change: "optional variable, output or resource added; a variable's default changed",
  },
  otherChange: {
    level: "patch",
    change: "module files changed, same interface and permissions (README, expressions, formatting)",
  },
  noChange: {
    level: "nothing to publish",
    change:
      "module folders identical to the last tag (e.g. only `modules-out/policies/` or `examples` changed)",
  },
} as const satisfies Record<string, BumpRule>;

/** The bump table as README.md shows it (a test keeps the two equal). */
export function bumpTable(): string {
  return [
    "| change in the module (against its last tag) | release |",
    "| --- | --- |",
    ...Object.values(BUMP_RULES).map((rule: BumpRule) => `| ${rule.change} | ${rule.level} |`),
  ].join("\n");
}

export interface BumpDecision {
  readonly bump: BumpKind;
  /** Why, one line per change that forced the level (for the CLI and the changelog). */
  readonly reasons: readonly string[];
}

/**
 * The semver level a change needs (BUMP_RULES): anything that can break a caller's configuration
 * or take away access a consumer attached is major; anything new is minor; the rest is a patch.
 */
export function decideBump(
  module: ModuleSemanticDiff | undefined,
  permissions: readonly PermissionChange[],
  /** The module's changed files (`hcl/<m>/README.md`), named in a patch's reason. */
  changedFiles: readonly string[] = [],
): BumpDecision {
  const major: string[] = [];
  const minor: string[] = [];
  if (module) interfaceReasons(module, major, minor);
  for (const change of permissions) {
    const { narrowed, widened } = classifyRows(change);
    const where = `\`${change.address}\`${change.probes ? ` (with ${change.probes.join("; ")})` : ""}`;
    if (narrowed.length)
      (change.attached ? major : minor).push(
        `${where}: ${count(narrowed)} removed or narrowed (${actions(narrowed)})`,
      );
    if (widened.length) minor.push(`${where}: ${count(widened)} added or widened (${actions(widened)})`);
  }
  if (major.length) return { bump: "major", reasons: major };
  if (minor.length) return { bump: "minor", reasons: minor };
  const files = changedFiles.length ? `: ${changedFiles.join(", ")}` : "";
  return { bump: "patch", reasons: [`${BUMP_RULES.otherChange.change}${files}`] };
}

const count = (rows: readonly PermissionRow[]): string => `${rows.length} permission row(s)`;
const actions = (rows: readonly PermissionRow[]): string => {
  const names = [...new Set(rows.map((row) => `${row.effect} ${row.action}`))];
  return names.length > 4 ? `${names.slice(0, 4).join(", ")}, ...` : names.join(", ");
};

/**
 * Narrowed: an Allow row removed (unless an added Allow row with the same condition, or none, covers
 * it, as `bucket/*` covers `bucket/tz/*`) or a Deny row added. Widened: an Allow row added (unless a
 * removed one covered it) or a Deny row removed. So an Allow row that loses its condition is a
 * widening (minor), and one that gains a condition is a narrowing.
 */
export function classifyRows(change: Pick<PermissionChange, "added" | "removed">): {
  narrowed: PermissionRow[];
  widened: PermissionRow[];
} {
  // Compares Allow rows only. An unconditional row covers the same row under any condition: losing
  // a condition only widens.
  const covers = (wide: PermissionRow, row: PermissionRow): boolean =>
    (wide.condition === "" || wide.condition === row.condition) &&
    actionMatches(wide.action, row.action) &&
    wildcardMatches(wide.resource, row.resource);
  const addedAllows = change.added.filter((row) => row.effect === "Allow");
  const removedAllows = change.removed.filter((row) => row.effect === "Allow");
  return {
    narrowed: [
      ...removedAllows.filter((row) => !addedAllows.some((wide) => covers(wide, row))),
      ...change.added.filter((row) => row.effect !== "Allow"),
    ],
    widened: [
      ...addedAllows.filter((row) => !removedAllows.some((wide) => covers(wide, row))),
      ...change.removed.filter((row) => row.effect !== "Allow"),
    ],
  };
}

function interfaceReasons(module: ModuleSemanticDiff, major: string[], minor: string[]): void {
  major.push(...module.variablesRemoved.map((name) => `variable \`${name}\` removed`));
  major.push(...module.outputsRemoved.map((name) => `output \`${name}\` removed`));
  for (const { name, spec } of module.variablesAdded) {
    if (spec.required) major.push(`new required variable \`${name}\``);
    else minor.push(`optional variable \`${name}\` added`);
  }
  for (const { name, changes } of module.variablesChanged) {
    for (const change of changes) {
      if (change.field === "type")
        major.push(`variable \`${name}\` type ${change.before} -> ${change.after}`);
      else if (change.field === "required" && change.after === "true")
        major.push(`variable \`${name}\` became required`);
      else minor.push(`variable \`${name}\` ${change.field} ${change.before} -> ${change.after}`);
    }
  }
  major.push(
    ...module.resourcesRenamed.map(
      (r) => `resource address \`${r.from}\` -> \`${r.to}\` (moved block added)`,
    ),
  );
  major.push(...module.resourcesRemoved.map((address) => `resource \`${address}\` removed`));
  minor.push(...module.outputsAdded.map((name) => `output \`${name}\` added`));
  minor.push(...module.resourcesAdded.map((address) => `resource \`${address}\` added`));
}

/** First release is 1.0.0 (the interface is a public API from day one) unless a bump is asked for. */
export function nextVersion(previous: string | undefined, bump: BumpKind | undefined): string {
  if (previous === undefined) return bump ? (semver.inc("0.0.0", bump) as string) : "1.0.0";
  const next = semver.inc(previous, bump ?? "patch");
  if (next === null) throw new Error(`Not a semantic version: ${previous}`);
  return next;
}
