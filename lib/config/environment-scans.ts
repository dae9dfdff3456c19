import { z } from "zod";

/** The fields of an `environments[]` entry that identify it. */
interface EnvironmentKey {
  readonly name: string;
  readonly accountId: string;
  readonly region: string;
}

/**
 * Policies scope by name prefix (`<env>-...-*`): in one account, environment `tz` would also match
 * every name of an environment `tz-x`, so such a pair is refused. One pass over a set of names per
 * account: an environment name (at most 16 characters) has only a few prefixes ending before a "-",
 * so 50,000 environments of one account cost 50,000 look-ups, not 50,000².
 */
export function checkShadowingNames(environments: readonly EnvironmentKey[], ctx: z.RefinementCtx): void {
  const namesByAccount = new Map<string, Set<string>>();
  for (const env of environments) {
    const names = namesByAccount.get(env.accountId) ?? new Set<string>();
    names.add(env.name);
    namesByAccount.set(env.accountId, names);
  }
  environments.forEach((env, index) => {
    const names = namesByAccount.get(env.accountId);
    const shadowing = prefixesBeforeDash(env.name).find((prefix) => names?.has(prefix));
    if (shadowing === undefined) return;
    ctx.addIssue({
      code: "custom",
      path: [index, "name"],
      message: `must not start with "${shadowing}-", another environment's name in account ${env.accountId}: that environment's policies (scoped to "${shadowing}-*") would reach this one's resources; choose a name that does not start with it`,
    });
  });
}

/** "a-b-c" -> ["a", "a-b"]: every name whose policies' `<name>-*` would match this one, shortest first. */
function prefixesBeforeDash(name: string): string[] {
  const prefixes: string[] = [];
  for (let at = name.indexOf("-"); at !== -1; at = name.indexOf("-", at + 1))
    prefixes.push(name.slice(0, at));
  return prefixes;
}

/** One prefix may serve many accounts and regions; the same prefix twice in one account and region would derive the same bucket and stack. */
export function checkDuplicateEnvironments(
  environments: readonly EnvironmentKey[],
  ctx: z.RefinementCtx,
): void {
  const seen = new Set<string>();
  environments.forEach((env, index) => {
    const key = `${env.name}/${env.accountId}/${env.region}`;
    if (!seen.has(key)) {
      seen.add(key);
      return;
    }
    ctx.addIssue({
      code: "custom",
      path: [index, "name"],
      message: `must be unique per account and region: "${env.name}" is already used for ${env.accountId} in ${env.region}`,
    });
  });
}
