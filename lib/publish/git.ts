import semver from "semver";
import { git } from "../diff/git-tree";

export { git, treeAtRef } from "../diff/git-tree";

/** Uncommitted or untracked paths, as `git status --porcelain` lines. */
export function dirtyPaths(cwd: string): string[] {
  return git(cwd, ["status", "--porcelain", "--untracked-files=all"])
    .split("\n")
    .filter((line) => line.trim() !== "");
}

export function tagExists(cwd: string, tag: string): boolean {
  return git(cwd, ["tag", "--list", tag]).trim() === tag;
}

/** The highest `<module>-v<semver>` tag, or undefined before the first release. */
export function lastReleaseTag(
  cwd: string,
  moduleName: string,
): { tag: string; version: string } | undefined {
  const prefix = `${moduleName}-v`;
  const versions = git(cwd, ["tag", "--list", `${prefix}*`])
    .split("\n")
    .map((tag) => tag.trim())
    .filter((tag) => tag.startsWith(prefix) && semver.valid(tag.slice(prefix.length)) !== null)
    .map((tag) => tag.slice(prefix.length))
    .sort(semver.rcompare);
  return versions.length ? { tag: `${prefix}${versions[0]}`, version: versions[0] } : undefined;
}
