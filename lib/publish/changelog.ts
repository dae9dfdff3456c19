import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** Changelogs live outside modules-out/ (the packager owns that tree): changelogs/<module>.md. */
export const changelogPath = (projectRoot: string, moduleName: string): string =>
  join(projectRoot, "changelogs", `${moduleName}.md`);

export interface ChangelogEntry {
  readonly version: string;
  readonly tag: string;
  /** YYYY-MM-DD. */
  readonly date: string;
  readonly bump: string;
  readonly reasons: readonly string[];
  /** Markdown lines of the semantic summary (may be empty). */
  readonly summary: string;
}

/** The changelog text with the new entry on top (newest first, Keep a Changelog style). */
export function prependEntry(projectRoot: string, moduleName: string, entry: ChangelogEntry): string {
  const path = changelogPath(projectRoot, moduleName);
  const header = `# Changelog: ${moduleName}\n\nEvery release is the git tag \`${moduleName}-v<version>\`.\n`;
  const existing = existsSync(path) ? readFileSync(path, "utf8") : header;
  const [head, ...rest] = existing.split(/\n(?=## )/);
  const body = [
    `## ${entry.version} (${entry.date}) - ${entry.bump}`,
    "",
    `Tag: \`${entry.tag}\``,
    "",
    "Why this level:",
    ...entry.reasons.map((reason) => `- ${reason}`),
    ...(entry.summary ? ["", "Changes:", entry.summary] : []),
    "",
  ].join("\n");
  return [head.trimEnd() + "\n", body, ...rest].join("\n");
}
