import type { ConcretePolicy, ConcreteStatement as Statement } from "../../lib/policy/render-concrete";

/** A copy of a policy without one action (statements left with no action are dropped). */
export function withoutAction(policy: ConcretePolicy, action: string): ConcretePolicy {
  const statements: Statement[] = [];
  for (const statement of policy.Statement) {
    const actions = statement.Action.filter((a) => a !== action);
    if (actions.length) statements.push({ ...statement, Action: actions });
  }
  return { ...policy, Statement: statements };
}
