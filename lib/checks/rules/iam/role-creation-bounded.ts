import type { PolicyRule } from "../../rule";
import { actionMatches } from "../../../iam/match";
import { checkAllowStatements } from "./statements";

const PERMISSIONS_BOUNDARY = "iam:permissionsboundary";

const allows = (actions: readonly string[], action: string) =>
  actions.some((pattern) => actionMatches(pattern, action));

/**
 * Roles a policy both creates and passes: without a boundary condition on CreateRole, the holder
 * can mint a role of any power and hand it to a service that runs code as it.
 */
export const iamRoleCreationBounded: PolicyRule = {
  id: "IAM.RoleCreationBounded",
  scope: "policy",
  info: "iam:CreateRole is allowed without an iam:PermissionsBoundary condition on roles the same policy lets its holder pass to a service.",
  explanation:
    "Whoever can create a role without a boundary, give it policies and pass it to a service (ECS, Lambda, EC2) runs code with any permissions they choose: a role of any power can be minted.",
  fix: 'Condition iam:CreateRole (and iam:PutRolePermissionsBoundary) on { StringEquals = { "iam:PermissionsBoundary" = "<boundary policy ARN>" } }, e.g. set the deploy-policies module\'s ecs_role_permissions_boundary_arn; or acknowledge the finding and grant the policy only to administrators.',
  evaluate(policy) {
    const passed = new Set(
      (policy.statements ?? [])
        .filter((statement) => statement.effect === "Allow" && allows(statement.actions, "iam:PassRole"))
        .flatMap((statement) => statement.resources),
    );
    return checkAllowStatements(policy, (statement) => {
      if (!allows(statement.actions, "iam:CreateRole")) return undefined;
      const bounded = Object.values(statement.conditions).some((entries) =>
        Object.keys(entries).some((key) => key.toLowerCase() === PERMISSIONS_BOUNDARY),
      );
      const passable = statement.resources.filter((resource) => resource === "*" || passed.has(resource));
      return bounded || passable.length === 0
        ? undefined
        : `allows iam:CreateRole without iam:PermissionsBoundary on ${passable.join(", ")}, which the policy also lets its holder pass (iam:PassRole)`;
    });
  },
};
