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
  return `git::${repositoryUrl}//modules-out/${flavour}/${moduleName}?ref=${tag}`;
}
