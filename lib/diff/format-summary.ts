import type { FileChange } from "./file-diff";
import type { PermissionChange } from "./permission-diff";
import type { PermissionRow } from "./policy-rows";
import type { ModuleSemanticDiff, PolicySemanticDiff, SemanticDiff } from "./semantic-diff";

/** Markdown lines for one module's changes (used by `npm run diff` and by CHANGELOG entries). */
export function formatModuleDiff(diff: ModuleSemanticDiff): string[] {
  const lines: string[] = [];
  for (const { name, spec } of diff.variablesAdded)
    lines.push(
      `- variable added: \`${name}\` (${spec.type ?? "any"}, ${spec.required ? "required" : `default ${spec.default}`})`,
    );
  for (const name of diff.variablesRemoved) lines.push(`- variable removed: \`${name}\``);
  for (const { name, changes } of diff.variablesChanged)
    lines.push(
      `- variable changed: \`${name}\` ${changes.map((c) => `${c.field} ${c.before} -> ${c.after}`).join("; ")}`,
    );
  for (const name of diff.outputsAdded) lines.push(`- output added: \`${name}\``);
  for (const name of diff.outputsRemoved) lines.push(`- output removed: \`${name}\``);
  for (const address of diff.resourcesAdded) lines.push(`- resource added: \`${address}\``);
  for (const address of diff.resourcesRemoved) lines.push(`- resource removed: \`${address}\``);
  for (const { from, to } of diff.resourcesRenamed)
    lines.push(`- resource renamed: \`${from}\` -> \`${to}\``);
  for (const address of diff.resourcesChanged) lines.push(`- resource changed: \`${address}\``);
  return lines;
}

const formatRow = (sign: "+" | "-", row: PermissionRow): string =>
  `  ${sign} ${row.effect} | ${row.action} | ${row.resource} | ${row.condition || "(no condition)"}`;

/** Rows of permissions added and removed, one per (effect, action, resource, condition). */
export function formatPolicyDiff(diff: PolicySemanticDiff): string[] {
  return [
    ...(diff.added.length ? ["- permissions added (effect | action | resource | condition):"] : []),
    ...diff.added.map((row) => formatRow("+", row)),
    ...(diff.removed.length ? ["- permissions removed (effect | action | resource | condition):"] : []),
    ...diff.removed.map((row) => formatRow("-", row)),
  ];
}

/** One policy's changed rows: what it is, which probes see it, then the rows. */
export function formatPermissionChange(change: PermissionChange): string[] {
  const kind = change.attached ? "a policy consumers attach" : "a policy the module applies";
  return [
    `- policy \`${change.address}\` (${kind}${change.probes ? `; only with: ${change.probes.join("; ")}` : ""}):`,
    ...formatPolicyDiff({ policy: change.address, added: change.added, removed: change.removed }).map(
      (line) => `  ${line}`,
    ),
  ];
}

/** The whole semantic summary; empty string when nothing a caller can observe changed. */
export function formatSemanticDiff(diff: SemanticDiff): string {
  const sections: string[] = [];
  const changes = diff.permissions?.changes ?? [];
  const modules = [
    ...new Set([...diff.modules.map((m) => m.module), ...changes.map((c) => c.module)]),
  ].sort();
  for (const name of modules) {
    const module = diff.modules.find((m) => m.module === name);
    sections.push(
      [
        `### module ${name}`,
        ...(module ? formatModuleDiff(module) : []),
        ...changes.filter((c) => c.module === name).flatMap(formatPermissionChange),
      ].join("\n"),
    );
  }
  if (diff.permissions?.problems.length)
    sections.push(
      ["### permissions not compared", ...diff.permissions.problems.map((problem) => `- ${problem}`)].join(
        "\n",
      ),
    );
  for (const policy of diff.policies)
    sections.push(
      [`### example rendering modules-out/policies/${policy.policy}.json`, ...formatPolicyDiff(policy)].join(
        "\n",
      ),
    );
  return sections.join("\n\n");
}

/**
 * The headings of `npm run diff`: each names the two sides it compares. modules-out/ is read from the
 * working tree, so a row a hand edit added (and the code does not generate) shows as removed in the
 * second section; the note under it says so.
 */
export const DRIFT_HEADINGS = {
  handEdits:
    "## Hand edits: modules-out/ committed (HEAD) -> modules-out/ in the working tree (`npm run synth` would undo them)",
  semantic:
    "## What `npm run synth` would change: modules-out/ in the working tree -> generated from the code now",
  handEditNote:
    "(modules-out/ in the working tree includes the hand edits above: what they added shows here as removed, what they removed as added.)",
  unified: "## Unified diff: a/ = modules-out/ in the working tree, b/ = generated from the code now",
} as const;

/** What `npm run diff` prints: the changed files, then each comparison under a heading that names its sides. */
export function formatDriftReport(
  changes: readonly FileChange[],
  semantic: SemanticDiff,
  handEdits?: SemanticDiff,
): string {
  if (changes.length === 0) return "modules-out/ is up to date with the code: no drift.";
  const editSummary = handEdits ? formatSemanticDiff(handEdits) : "";
  return [
    `modules-out/ differs from what the code generates: ${changes.length} file(s). Run \`npm run synth\` and commit modules-out/.`,
    ...changes.map((change) => `  ${change.kind}: modules-out/${change.path}`),
    ...(handEdits
      ? [
          "",
          DRIFT_HEADINGS.handEdits,
          editSummary || "No change to variables, outputs, resources or permissions.",
        ]
      : []),
    "",
    DRIFT_HEADINGS.semantic,
    ...(handEdits && editSummary ? [DRIFT_HEADINGS.handEditNote] : []),
    formatSemanticDiff(semantic) ||
      "No change to variables, outputs, resources or permissions (formatting, docs or expressions only).",
    "",
    DRIFT_HEADINGS.unified,
    ...changes.map((change) => change.patch),
  ].join("\n");
}
