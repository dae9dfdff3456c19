import { withTreeLock } from "../packager/tree-lock";
import { gitPath } from "./release-journal";

/** One publish (or --finish/--undo) per repository at a time: proper-lockfile folder in the git folder. */
export const PUBLISH_LOCK = "secure-tf-modules-publish.lock";

/** How long a publish waits for another, and when an unrefreshed lock counts as a killed one's. */
const LOCK_OPTIONS = { timeoutMs: 120_000, staleMs: 10_000 };

/** Runs `body` holding the repository's publish lock. */
export function withPublishLock<T>(root: string, body: () => Promise<T>): Promise<T> {
  return withTreeLock(gitPath(root, PUBLISH_LOCK), LOCK_OPTIONS, body);
}
