import type { ConcretePolicy, ConcreteStatement as Statement } from "../../../lib/policy/render-concrete";

/**
 * Narrowed copies of a policy, for the proofs that must fail: one action fewer, or one resource
 * fewer. Used by the backend proof (state access) and the apply proof (deploy policies).
 */

/** A copy of a policy without one action (statements left with no action are dropped). */
export function withoutAction(policy: ConcretePolicy, action: string): ConcretePolicy {
  const statements: Statement[] = [];
  for (const statement of policy.Statement) {
    const actions = statement.Action.filter((a) => a !== action);
    if (actions.length) statements.push({ ...statement, Action: actions });
  }
  return { ...policy, Statement: statements };
}

/** A copy of a policy where one resource ARN is replaced by another (e.g. a sibling's name). */
export function withResource(policy: ConcretePolicy, resource: string, replacement: string): ConcretePolicy {
  const statements = policy.Statement.map((statement) =>
    statement.Resource?.includes(resource)
      ? { ...statement, Resource: statement.Resource.map((r) => (r === resource ? replacement : r)) }
      : statement,
  );
  if (JSON.stringify(statements) === JSON.stringify(policy.Statement))
    throw new Error(`no statement names ${resource}`);
  return { ...policy, Statement: statements };
}
