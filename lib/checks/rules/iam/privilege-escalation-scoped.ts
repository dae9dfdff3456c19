import type { PolicyRule } from "../../rule";
import { actionMatches } from "../../../iam/match";
import { checkAllowStatements } from "./statements";

/** Actions that let the holder grant itself (or a principal it controls) more permissions. */
export const PRIVILEGE_ESCALATION_ACTIONS = [
  "iam:CreatePolicyVersion",
  "iam:SetDefaultPolicyVersion",
  "iam:AttachRolePolicy",
  "iam:PutRolePolicy",
  "iam:AttachUserPolicy",
  "iam:PutUserPolicy",
  "iam:AttachGroupPolicy",
  "iam:PutGroupPolicy",
  "iam:UpdateAssumeRolePolicy",
  "iam:PutRolePermissionsBoundary",
  "iam:DeleteRolePermissionsBoundary",
  "iam:PutUserPermissionsBoundary",
  "iam:DeleteUserPermissionsBoundary",
  "iam:AddUserToGroup",
  "iam:CreateAccessKey",
  "iam:CreateLoginProfile",
  "iam:UpdateLoginProfile",
] as const;

const IAM_ARN = /^arn:(aws[a-z-]*|\$\{var\.partition\}):iam::([^:]*):([a-z-]+)\/(.*)$/;
/** The module parameters that hold the account id and the environment name (validated by the modules). */
const ACCOUNT_PARAMETER = "${var.account_id}";
const ENVIRONMENT_PARAMETER = "${var.environment_name}";

/**
 * Why a resource is outside the environment's names, or undefined when it is inside. Expressions
 * fail closed: only the environment-name parameter itself counts as the environment prefix; any
 * other interpolation (a whole ARN from a variable, a role name from a variable) could be anything.
 */
function outsideEnvironment(resource: string, environmentNames: readonly string[]): string | undefined {
  const arn = IAM_ARN.exec(resource);
  if (!arn) return `"${resource}" is not an IAM role, policy, user or group ARN the rule can read`;
  const [, , account, , path] = arn;
  if (account.includes("*") || account === "") return `"${resource}" matches every account`;
  if (account.includes("${") && account !== ACCOUNT_PARAMETER)
    return `"${resource}" takes its account from an expression the rule cannot resolve`;
  const name = path.split("/").pop() ?? "";
  const prefixes = [ENVIRONMENT_PARAMETER, ...environmentNames];
  // What follows the prefix may be anything: the name stays inside the environment's namespace.
  if (prefixes.some((env) => name.startsWith(`${env}-`) || name.startsWith(`${env}_`) || name === env))
    return undefined;
  if (/^[*?]/.test(name)) return `"${resource}" matches every name`;
  if (name.includes("${"))
    return `"${resource}" names the resource with an expression the rule cannot resolve (start the name with ${ENVIRONMENT_PARAMETER}-)`;
  if (!environmentNames.length) return undefined;
  return `"${resource}" is not named after an environment (${environmentNames.map((env) => `${env}-`).join(", ")})`;
}

export const iamPrivilegeEscalationScoped: PolicyRule = {
  id: "IAM.PrivilegeEscalationScoped",
  scope: "policy",
  info: "A permission-changing IAM action (CreatePolicyVersion, AttachRolePolicy, PutRolePolicy, ...) is allowed on roles or policies outside the environment's names.",
  explanation:
    "Whoever can attach, put or re-version policies on any role can give themselves administrator access; confined to the environment's own names, the action cannot reach other roles.",
  fix: 'Scope these actions to ARNs built by lib/naming, e.g. arn:aws:iam::<account>:role/<env>-* and arn:aws:iam::<account>:policy/<env>-*, never "*" or arn:aws:iam::*:role/*.',
  evaluate(policy, { environmentNames }) {
    return checkAllowStatements(policy, (statement) => {
      const risky = statement.actions.filter((action) =>
        PRIVILEGE_ESCALATION_ACTIONS.some((escalation) => actionMatches(action, escalation)),
      );
      if (risky.length === 0) return undefined;
      const outside = statement.resources
        .map((resource) => outsideEnvironment(resource, environmentNames))
        .filter(Boolean);
      return outside.length ? `allows ${risky.join(", ")} where ${outside.join(", ")}` : undefined;
    });
  },
};
