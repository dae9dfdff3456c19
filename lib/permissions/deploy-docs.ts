import type { PolicyStatement } from "../policy/model";
import { deployPolicyDocument, DEPLOY_PROFILE_IDS, type DeployProfileId } from "./deploy-profile";
import { DEPLOY_PROFILES } from "./profiles";
import { catalogueEntry } from "./catalogue";

/** Calls of the profile's resources needed only when an argument is set, and whether it grants them. */
function whenSetRows(profileId: DeployProfileId): string[] {
  const rows = new Map<string, string>();
  for (const resource of DEPLOY_PROFILES[profileId].derive.resources) {
    for (const calls of catalogueEntry(resource.type).whenSet ?? []) {
      const bounded = resource.permissionsBoundaryParam && calls.argument === "permissions_boundary";
      const granted = bounded
        ? `only \`iam:PutRolePermissionsBoundary\` with \`{${resource.permissionsBoundaryParam}}\`, when set (removing a boundary would lift it)`
        : resource.arguments?.includes(calls.argument)
          ? "granted"
          : "not granted";
      const actions = calls.actions.map((action) => `\`${action}\``).join(", ");
      rows.set(
        `${resource.type}.${calls.argument}`,
        `| \`${resource.type}\` | \`${calls.argument}\` | ${actions} | ${granted} |`,
      );
    }
  }
  return [...rows.values()];
}

/** Every action the document grants on `*`, with why no narrower resource exists. */
function wildcardNotes(profileId: DeployProfileId, statements: readonly PolicyStatement[]): string[] {
  const why = new Map<string, string>();
  for (const resource of DEPLOY_PROFILES[profileId].derive.resources) {
    for (const call of catalogueEntry(resource.type).accountWide ?? []) why.set(call.action, call.why);
  }
  const actions = statements.filter((s) => s.resources.includes("*")).flatMap((s) => s.actions);
  return [...new Set(actions)]
    .sort()
    .map((action) => `- \`${action}\`: ${why.get(action) ?? "AWS gives the action no resource type"}.`);
}

/** One statement as a table row: Sid, actions, resources, conditions. */
function row(statement: PolicyStatement): string {
  const conditions = Object.entries(statement.conditions ?? {})
    .flatMap(([operator, entries]) =>
      Object.entries(entries).map(
        ([key, value]) =>
          `${operator} \`${key}\` = \`${typeof value === "string" ? value : value.join("`, `")}\``,
      ),
    )
    .join("; ");
  const guards = (statement.guards ?? []).map(
    (guard) => `only when \`{${guard.param}}\` is ${guard.is === "unset" ? "null" : guard.is}`,
  );
  const code = (items: readonly string[]) => items.map((item) => `\`${item}\``).join(", ");
  const when = [conditions, ...guards].filter(Boolean).join("; ");
  return `| ${statement.sid} | ${code(statement.actions)} | ${code(statement.resources)} | ${when || "-"} |`;
}

/**
 * The permissions needed to deploy one profile, as a Markdown section a module README can embed
 * (`{param}` placeholders are the deploy-policies module's variables).
 */
export function deployPermissionsMarkdown(
  profileId: DeployProfileId,
  heading = "## Permissions to deploy",
): string {
  const profile = DEPLOY_PROFILES[profileId];
  const document = deployPolicyDocument(profile);
  return [
    heading,
    "",
    `${profile.description} Derived from the resources by \`lib/permissions\`; the deploy-policies module outputs it as \`${profileId}_deploy_policy_json\`. Values in braces are that module's variables; every created resource carries the tag \`Environment = {environment_name}\`.`,
    "",
    "| Sid | actions | resources | conditions |",
    "|---|---|---|---|",
    ...document.statements.map(row),
    "",
    "Granted on `*`, because no narrower resource exists:",
    "",
    ...wildcardNotes(profileId, document.statements),
    "",
    ...(document.statements.some((s) => s.resources.some((r) => r.includes(":key/")))
      ? [
          "",
          "KMS keys: every management call (key policy, rotation off, disable/enable, description, deletion, alias moves, tags) needs the key's `Environment` tag to be the environment's (`StringEquals`) and no alias other than the profile's own (`ForAllValues:StringLike` `kms:ResourceAliases`), so an untagged key, another environment's key or another module's key cannot be managed. KMS may take up to five minutes to count a new key's tag and alias, so the calls of the apply that creates a key accept a key without them (`StringEqualsIfExists`). Residual, on a key in the account and region that has no `Environment` tag and no alias: read it (`DescribeKey`, `GetKeyPolicy`, `GetKeyRotationStatus`, `ListResourceTags`), turn its rotation on, point the profile's own alias at it, and tag it `Environment` = the environment (how CreateKey's tags are authorized: `kms:TagResource` on a key without the tag); a key tagged that way by a deploy-role holder then counts as the environment's. A destroy within five minutes of the key's creation may be refused until KMS counts the tag.",
        ]
      : []),
    ...boundaryNote(profileId),
    "",
    "Calls needed only when an argument is set (the profile grants them only where it sets the argument):",
    "",
    "| resource type | argument | calls | this profile |",
    "|---|---|---|---|",
    ...whenSetRows(profileId),
  ].join("\n");
}

/** For roles with a boundary parameter: what the boundary prevents, and the path open without it. */
function boundaryNote(profileId: DeployProfileId): string[] {
  const boundaries = DEPLOY_PROFILES[profileId].derive.resources.flatMap(
    (resource) => resource.permissionsBoundaryParam ?? [],
  );
  return [...new Set(boundaries)].flatMap((name) => [
    "",
    `Roles: with \`${name}\` set, \`iam:CreateRole\` and \`iam:PutRolePermissionsBoundary\` are allowed only with that boundary (\`iam:PermissionsBoundary\`) and \`iam:DeleteRolePermissionsBoundary\` never, so every role the profile creates is capped by the boundary; the ECS module must set \`permissions_boundary\` on each of its roles. **With \`${name}\` null (the default) this policy is an escalation path:** its holder can create a role with no boundary, write any policy under the workload's names (\`iam:CreatePolicyVersion\`), attach it, rewrite the role's trust policy (\`iam:UpdateAssumeRolePolicy\`) and pass the role to ECS, i.e. mint and use a role of any power. Set the boundary, or grant this profile only to principals trusted like administrators. Synth reports it as an acknowledged \`IAM.RoleCreationBounded\` finding. Roles under the workload's names that already exist without the boundary stay reachable: give them the boundary (the profile may put it).`,
  ]);
}

/** The deploy-policies README section: every profile's permissions. */
export function deployPermissionsSection(): string {
  return [
    "## Deploy permissions per profile",
    "",
    "Each policy is derived from the resources the profile creates: create, read, update (tags, policy versions) and delete actions from the permission catalogue, resources named by `lib/naming`, KMS keys (random ids) scoped by the `Environment` tag (`aws:RequestTag` on create, `aws:ResourceTag` on management), `iam:PassRole` only with `iam:PassedToService`, `iam:CreateServiceLinkedRole` only with `iam:AWSServiceName`, and `*` only for actions AWS gives no resource type.",
    "",
    ...DEPLOY_PROFILE_IDS.map((id) => deployPermissionsMarkdown(id, `### \`${id}\``)),
  ].join("\n\n");
}
