import type { PolicyStatement } from "../policy/model";
import { deployPolicyDocument, DEPLOY_PROFILE_IDS, type DeployProfileId } from "./deploy-profile";
import { DEPLOY_PROFILES } from "./profiles";

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
  const code = (items: readonly string[]) => items.map((item) => `\`${item}\``).join(", ");
  return `| ${statement.sid} | ${code(statement.actions)} | ${code(statement.resources)} | ${conditions || "-"} |`;
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
  ].join("\n");
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
