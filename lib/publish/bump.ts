import semver from "semver";
import type { ModuleSemanticDiff, PolicySemanticDiff } from "../diff/semantic-diff";

export type BumpKind = "major" | "minor" | "patch";

export interface BumpDecision {
  readonly bump: BumpKind;
  /** Why, one line per change that forced the level (for the CLI and the changelog). */
  readonly reasons: readonly string[];
}

/**
 * The semver level a change needs: anything that can break a caller's configuration or take away
 * access is major; anything new is minor; the rest (docs, expressions, formatting) is a patch.
 */
export function decideBump(
  module: ModuleSemanticDiff | undefined,
  policies: readonly PolicySemanticDiff[],
): BumpDecision {
  const major: string[] = [];
  const minor: string[] = [];
  if (module) {
    major.push(...module.variablesRemoved.map((name) => `variable \`${name}\` removed`));
    major.push(...module.outputsRemoved.map((name) => `output \`${name}\` removed`));
    major.push(
      ...module.variablesAdded
        .filter((v) => v.spec.required)
        .map((v) => `new required variable \`${v.name}\``),
    );
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
    minor.push(
      ...module.variablesAdded
        .filter((v) => !v.spec.required)
        .map((v) => `optional variable \`${v.name}\` added`),
    );
    minor.push(...module.outputsAdded.map((name) => `output \`${name}\` added`));
    minor.push(...module.resourcesAdded.map((address) => `resource \`${address}\` added`));
  }
  for (const policy of policies) {
    if (policy.removed.length)
      major.push(`policy ${policy.policy}: ${policy.removed.length} permission(s) removed`);
    if (policy.added.length)
      minor.push(`policy ${policy.policy}: ${policy.added.length} permission(s) added`);
  }
  if (major.length) return { bump: "major", reasons: major };
  if (minor.length) return { bump: "minor", reasons: minor };
  return { bump: "patch", reasons: ["no interface, resource or permission change"] };
}

/** First release is 1.0.0 (the interface is a public API from day one) unless a bump is asked for. */
export function nextVersion(previous: string | undefined, bump: BumpKind | undefined): string {
  if (previous === undefined) return bump ? (semver.inc("0.0.0", bump) as string) : "1.0.0";
  const next = semver.inc(previous, bump ?? "patch");
  if (next === null) throw new Error(`Not a semantic version: ${previous}`);
  return next;
}
