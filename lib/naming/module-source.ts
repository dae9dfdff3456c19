/** The tag a release of a module gets (`state-backend-v1.2.0`); the publish command creates it. */
export function moduleTag(moduleName: string, version: string): string {
  return `${moduleName}-v${version}`;
}

/**
 * The module source a consumer pins: the git URL, the module folder (`hcl` or `json` flavour) and
 * the release tag, e.g. `git::https://host/repo.git//modules-out/hcl/state-backend?ref=state-backend-v1.0.0`.
 */
export function gitSource(
  repositoryUrl: string,
  moduleName: string,
  tag: string,
  flavour: "hcl" | "json" = "hcl",
): string {
  return `git::${repositoryUrl.replace(/^git::/, "")}//modules-out/${flavour}/${moduleName}?ref=${tag}`;
}

// Host and path characters that need no quoting in an HCL string, a URL or go-getter's syntax:
// no `"`, `#`, `?`, whitespace or `//` (go-getter's subdirectory separator), so the
// `//modules-out/...?ref=<tag>` Terraform appends always means what the snippet says.
const HOST_NAME = String.raw`[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?`;
const HOST = String.raw`${HOST_NAME}(?::[0-9]{1,5})?`;
const SEGMENT = String.raw`[A-Za-z0-9._~+-]+`;
const PATH = String.raw`${SEGMENT}(?:/${SEGMENT})*`;
const USER = String.raw`[A-Za-z0-9._-]+@`;

/**
 * The git URLs Terraform's module installer understands, optionally after `git::`: `https://host/path`,
 * `ssh://[user@]host/path`, scp-like `user@host:path`, and `file:///path` (tests and local mirrors).
 */
export const REPOSITORY_URL = new RegExp(
  `^(?:git::)?(?:https://${HOST}/${PATH}|ssh://(?:${USER})?${HOST}/${PATH}|${USER}${HOST_NAME}:${PATH}|file:///${PATH})$`,
);
