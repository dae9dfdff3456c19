import { execFileSync } from "node:child_process";
import semver from "semver";
import type { TreeSnapshot } from "../diff/read-tree";

/** Runs git in the repository and returns stdout; git's own message surfaces on failure. */
export function git(cwd: string, args: readonly string[]): string {
  // process.env is passed explicitly so a caller's changes to it (PATH, GIT_*) are what git sees.
  return execFileSync("git", args, {
    cwd,
    encoding: "utf8",
    env: process.env,
    stdio: ["ignore", "pipe", "pipe"],
  });
}

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

/**
 * The files under `folders` (paths relative to modules-out/) as they were at a tag, in the same
 * shape readTree gives for the working tree.
 */
export function treeAtRef(cwd: string, ref: string, folders: readonly string[]): TreeSnapshot {
  const files = new Map<string, string>();
  const listed = git(cwd, [
    "ls-tree",
    "-r",
    "--name-only",
    ref,
    "--",
    ...folders.map((f) => `modules-out/${f}`),
  ]);
  for (const path of listed.split("\n").filter(Boolean)) {
    files.set(path.replace(/^modules-out\//, ""), git(cwd, ["show", `${ref}:${path}`]));
  }
  return files;
}

/** Has any file under these paths changed between the ref and the working tree? */
export function changedSince(cwd: string, ref: string, paths: readonly string[]): boolean {
  return git(cwd, ["diff", "--name-only", ref, "--", ...paths]).trim() !== "";
}
