import { execFileSync } from "node:child_process";
import type { TreeSnapshot } from "./read-tree";

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

/** Is `cwd` inside a git work tree with at least one commit? */
export function hasHead(cwd: string): boolean {
  try {
    git(cwd, ["rev-parse", "--verify", "--quiet", "HEAD"]);
    return true;
  } catch {
    return false;
  }
}

/**
 * The files under `folders` (paths relative to modules-out/) as they were at a ref, in the same
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
  return new Map([...files.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Modules whose files under modules-out/{hcl,json}/ differ from HEAD in the working tree. */
export function modulesEditedSinceHead(cwd: string): string[] {
  const status = git(cwd, [
    "status",
    "--porcelain",
    "--untracked-files=all",
    "--",
    "modules-out/hcl",
    "modules-out/json",
  ]);
  const names = new Set<string>();
  for (const line of status.split("\n")) {
    const match = /modules-out\/(?:hcl|json)\/([^/]+)\//.exec(line);
    if (match) names.add(match[1]);
  }
  return [...names].sort();
}
