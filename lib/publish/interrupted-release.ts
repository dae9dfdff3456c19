import { UserError } from "../errors";
import { dirtyPaths, git, tagExists } from "./git";

/** What to do with a release commit whose tag is missing (a publish killed before `git tag`). */
export type ResumeAction = "finish" | "undo";

export interface UntaggedRelease {
  readonly tag: string;
  readonly moduleName: string;
  readonly version: string;
}

const RELEASE_SUBJECT = /^release: ((.+)-v(\d+\.\d+\.\d+\S*))$/;

/** The commit message publish writes; `findUntaggedRelease` recognises it. */
export const releaseSubject = (tag: string): string => `release: ${tag}`;

/** HEAD is a release commit whose tag does not exist. */
export function findUntaggedRelease(root: string): UntaggedRelease | undefined {
  const subject = git(root, ["log", "-1", "--format=%s"]).trim();
  const match = RELEASE_SUBJECT.exec(subject);
  if (!match || tagExists(root, match[1])) return undefined;
  return { tag: match[1], moduleName: match[2], version: match[3] };
}

/** Refuses any publish while HEAD is an untagged release: a second one would release twice. */
export function refuseUntaggedRelease(release: UntaggedRelease): UserError {
  return new UserError(
    `publish refused, nothing was changed: HEAD is the release commit of ${release.tag} but the tag does not exist (an interrupted publish). Run \`npm run publish -- ${release.moduleName} --finish\` to tag it, or \`--undo\` to remove the commit.`,
  );
}

/** Tags the release commit (finish) or removes it, restoring the files as they were (undo). */
export function resumeRelease(
  root: string,
  action: ResumeAction,
  log: (line: string) => void,
): UntaggedRelease {
  const release = findUntaggedRelease(root);
  if (!release)
    throw new UserError(
      `publish --${action}: HEAD is not a release commit without its tag; nothing to ${action}.`,
    );
  const dirty = dirtyPaths(root);
  if (dirty.length)
    throw new UserError(
      `publish --${action} refused: the working tree has uncommitted changes; commit or stash them`,
      dirty,
    );
  if (action === "finish") {
    git(root, ["tag", "-a", release.tag, "-m", git(root, ["log", "-1", "--format=%B"]).trim()]);
    log(`Tagged ${release.tag}. Push with: git push origin HEAD ${release.tag}`);
  } else {
    git(root, ["reset", "--hard", "--quiet", "HEAD~1"]);
    log(`Removed the release commit of ${release.tag}; the repository is as it was before that publish.`);
  }
  return release;
}
