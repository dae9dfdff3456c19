import { TerraformLocal, TerraformOutput, type TerraformVariableValidationConfig } from "cdktf";
import { MIN_PROVISIONER_SCANNERS } from "./scanner-notes";
import { minProvisionerTests, MIN_PROVISIONER_TESTS_DOC } from "./tftests/min-provisioner";
import { Construct } from "constructs";
import type { Settings } from "../config/schema";
import { MinProvisionerRole, partResourceName } from "../constructs/min-provisioner-role";
import { AWS_RULES } from "../naming/aws-rules";
import { AURORA_IDENTIFIER_RULE } from "../naming/aurora";
import { DEFAULT_MIN_PROVISIONER_ROLE_NAME } from "../naming/min-provisioner";
import { deployPermissionsMarkdown } from "../permissions/deploy-docs";
import { DEPLOY_PROFILE_IDS } from "../permissions/deploy-profile";
import { EXTERNAL_ID_RULE, SIZED_PRINCIPAL_COUNT } from "../policy/documents/min-provisioner-trust";
import { IAM_PRINCIPAL_ARN_PATTERN } from "../policy/validate";
import { POLICY_SIZE_LIMITS } from "../iam/policy-kind";
import { declareEcsInputs, MIN_PROVISIONER_ROLE_NAME_RULE, nameValidation } from "./deploy-policies-module";
import { ECS_ROLE_BOUNDARY_PARAM } from "../naming/deploy-policies";
import { ModuleStack } from "./module-stack";
import { quoted, raw } from "../hcl/text";

/**
 * Profiles granted when `deploy_profiles` is not set: every workload profile, but not
 * `min_provisioner` itself. That profile manages `<environment_name>-<role_name>-*` policies, so a
 * role holding it could rewrite its own policies (`iam:CreatePolicyVersion`) and grant itself
 * anything; grant it only to a different role (another `role_name`) that bootstraps this one.
 */
export const DEFAULT_DEPLOY_PROFILES = DEPLOY_PROFILE_IDS.filter((id) => id !== "min_provisioner");

/** IAM's bounds for a role's maximum session duration, in seconds (1 to 12 hours). */
export const MAX_SESSION_DURATION = { min: 3600, max: 43200 } as const;

/** Managed policy ARNs a permissions boundary may name (customer managed or AWS managed). */
export const POLICY_ARN_PATTERN = "^arn:aws(-cn|-us-gov)?:iam::([0-9]{12}|aws):policy/[A-Za-z0-9+=,.@_/-]+$";

const hclList = (items: readonly string[]): string => `[${items.map(quoted).join(", ")}]`;

const USAGE = [
  "## Assuming the role",
  "",
  "Seed 003's provisioning role, least-privilege per permission: instead of one hand-written policy,",
  "the role gets the derived deploy policy of each profile in `deploy_profiles`, each split into",
  "managed policies of at most 6,144 characters. Run Terraform as the role:",
  "",
  "```hcl",
  'provider "aws" {',
  "  assume_role {",
  "    role_arn    = module.min_provisioner.role_arn",
  '    external_id = "<external_id, when set>"',
  "  }",
  "}",
  "```",
  "",
  "```hcl",
  'module "min_provisioner" {',
  "  # source = see Usage above",
  '  environment_name       = "psoxy" # prefixes the role and policy names, so environments in one account do not collide',
  '  trusted_principal_arns = ["arn:aws:iam::123456789012:user/erik"]',
  '  deploy_profiles        = ["state_backend", "ecs_compute"]',
  "  require_mfa            = true",
  "}",
  "```",
].join("\n");

const TRUST = [
  "## Trust policy",
  "",
  "Only `trusted_principal_arns` may assume the role (`sts:AssumeRole`; no wildcards: each entry must be",
  "the ARN of an account root, user, role or assumed-role session, in the partition the role is created",
  "in: a precondition refuses a principal of another partition). With `external_id` set, the request",
  "must carry that `sts:ExternalId`; with `require_mfa = true`, the caller must have signed in with MFA",
  "(`aws:MultiFactorAuthPresent`). IAM limits a trust policy to 2,048 characters by default; a",
  "precondition on the role stops the plan, saying the size, when the principals and external id make",
  `it longer (${SIZED_PRINCIPAL_COUNT} role ARNs and the longest external id fit).`,
].join("\n");

const PROFILES = [
  "## Deploy profiles",
  "",
  "| profile | grants |",
  "|---|---|",
  "| `state_backend` | the state-backend module (bucket, KMS key, lock table), no access to state objects |",
  "| `aurora_cluster` | an Aurora cluster `<environment_name>-aurora` with instances, subnet group, parameter group and KMS key |",
  "| `ecs_compute` | one workload's ECS compute resources (seed 004's orchestra naming by default, prefixed by the environment) |",
  "| `min_provisioner` | this module's own role, policies and attachments |",
  "",
  `Default: ${DEFAULT_DEPLOY_PROFILES.map((id) => `\`${id}\``).join(", ")}. \`min_provisioner\` is not granted by`,
  "default: a role holding it can rewrite its own policies. To let one role bootstrap another, grant",
  "`min_provisioner` to a role with a different `role_name`. Policies are named",
  "`<environment_name>-<role_name>-<profile>-<n>`; `policy_arns` maps `<profile>-<n>` to each ARN.",
  "",
  "Changing or removing `permissions_boundary_arn` calls `iam:PutRolePermissionsBoundary` /",
  "`iam:DeleteRolePermissionsBoundary`, which no deploy profile grants (a holder could lift its own",
  "boundary): a boundary change needs an administrator.",
  "",
  "The deploy policies scope `state_bucket_name`, `lock_table_name` and `aurora_cluster_identifier`;",
  "unset, they default to the deploy-policies module's names for this account and region. The",
  "ecs_compute profile scopes `ecs_workload_name` and `ecs_task_families` (seed 004's orchestra names",
  "by default) and, when `ecs_role_permissions_boundary_arn` is set, lets the ECS roles be created only",
  "with that boundary; see the deploy-policies module's README for what happens when it is null.",
].join("\n");

/**
 * The min-provisioner module (seed 003): a provisioning role that trusted principals assume, with the
 * derived deploy policies of the chosen profiles attached.
 */
export class MinProvisionerModule extends ModuleStack {
  readonly provisioner: MinProvisionerRole;

  constructor(scope: Construct, _settings: Settings) {
    super(scope, {
      moduleName: "min-provisioner",
      usesAwsProvider: true,
      docs: {
        purpose:
          "A least-privilege provisioning role (seed 003's MinProvisioner): the trusted principals assume it (optionally with an external id and MFA) and it holds exactly the derived deploy policies of the chosen profiles, split into managed policies that fit AWS's size limit.",
        usage: {
          environment_name: "tz",
          trusted_principal_arns: ["arn:aws:iam::123456789012:role/platform-ci"],
        },
        sections: [
          USAGE,
          TRUST,
          PROFILES,
          deployPermissionsMarkdown("min_provisioner"),
          MIN_PROVISIONER_TESTS_DOC,
          MIN_PROVISIONER_SCANNERS,
        ],
      },
      tests: minProvisionerTests(),
    });

    this.declareRoleInputs();
    this.declareTrustInputs();
    this.declarePolicyInputs();
    this.provisioner = new MinProvisionerRole(this, "min_provisioner", {
      environmentName: "var.environment_name",
      roleName: "var.role_name",
      trustedPrincipalArns: "var.trusted_principal_arns",
      externalId: "var.external_id",
      requireMfa: "var.require_mfa",
      deployProfiles: "var.deploy_profiles",
      permissionsBoundaryArn: "var.permissions_boundary_arn",
      maxSessionDuration: "var.max_session_duration",
      stateBucketName: "var.state_bucket_name",
      lockTableName: "var.lock_table_name",
      auroraClusterIdentifier: "var.aurora_cluster_identifier",
      ecsWorkloadName: "var.ecs_workload_name",
      ecsTaskFamilies: "var.ecs_task_families",
      ecsRoleBoundaryArn: `var.${ECS_ROLE_BOUNDARY_PARAM}`,
    });
    this.declareOutputs();
  }

  /** The role's environment prefix and name. */
  private declareRoleInputs(): void {
    this.addVariable("environment_name", {
      type: "string",
      description:
        "Environment (name prefix): the role is <environment_name>-<role_name>, its policies <environment_name>-<role_name>-<profile>-<n>; everything is tagged Environment = <environment_name>.",
      validation: [nameValidation("environment_name", AWS_RULES.environmentName)],
    });
    this.addVariable("role_name", {
      type: "string",
      default: DEFAULT_MIN_PROVISIONER_ROLE_NAME,
      nullable: false,
      description: "Role name after the environment prefix (the role is <environment_name>-<role_name>).",
      validation: [nameValidation("role_name", MIN_PROVISIONER_ROLE_NAME_RULE)],
    });
  }

  /** Who may assume the role, and on which conditions. */
  private declareTrustInputs(): void {
    this.addVariable("trusted_principal_arns", {
      type: "list(string)",
      nullable: false,
      description:
        "ARNs of the principals (account root, user, role or assumed-role session) that may assume the role. No wildcards.",
      validation: [
        {
          condition: raw("length(var.trusted_principal_arns) > 0"),
          errorMessage: "The trusted_principal_arns must name at least one principal.",
        },
        {
          condition: raw(
            `alltrue([for arn in var.trusted_principal_arns : can(regex(${quoted(IAM_PRINCIPAL_ARN_PATTERN)}, arn))])`,
          ),
          errorMessage:
            "Each of trusted_principal_arns must be the ARN of an account root (arn:aws:iam::<account_id>:root), a user or role (arn:aws:iam::<account_id>:role/<name>) or an assumed-role session, without wildcards.",
        },
      ],
    });
    this.addVariable("external_id", {
      type: "string",
      nullDefault: true,
      description: "When set, assuming the role requires this sts:ExternalId.",
      validation: [
        {
          condition: raw(
            `var.external_id == null ? true : (can(regex(${quoted(EXTERNAL_ID_RULE.pattern)}, var.external_id)) && length(var.external_id) >= ${EXTERNAL_ID_RULE.minLength} && length(var.external_id) <= ${EXTERNAL_ID_RULE.maxLength})`,
          ),
          errorMessage: `The external_id must be ${EXTERNAL_ID_RULE.rule}, or null.`,
        },
      ],
    });
    this.addVariable("require_mfa", {
      type: "bool",
      default: false,
      nullable: false,
      description: "When true, assuming the role requires MFA (aws:MultiFactorAuthPresent).",
    });
  }

  /** Which deploy policies the role holds, its boundary and session length, and the names the policies scope. */
  private declarePolicyInputs(): void {
    this.addVariable("deploy_profiles", {
      type: "list(string)",
      default: DEFAULT_DEPLOY_PROFILES,
      nullable: false,
      description: `Deploy profiles whose policies the role gets: any of ${DEPLOY_PROFILE_IDS.join(", ")}. min_provisioner is not in the default and needs permissions_boundary_arn (a role holding it can rewrite its own policies).`,
      validation: [profilesValidation(), selfEscalationValidation()],
    });
    this.addVariable("permissions_boundary_arn", {
      type: "string",
      nullDefault: true,
      description: "ARN of a managed policy to set as the role's permissions boundary.",
      validation: [
        {
          condition: raw(
            `var.permissions_boundary_arn == null ? true : can(regex(${quoted(POLICY_ARN_PATTERN)}, var.permissions_boundary_arn))`,
          ),
          errorMessage:
            "The permissions_boundary_arn must be a managed policy ARN (arn:aws:iam::<account_id>:policy/<name> or arn:aws:iam::aws:policy/<name>), or null.",
        },
      ],
    });
    this.addVariable("max_session_duration", {
      type: "number",
      default: MAX_SESSION_DURATION.min,
      nullable: false,
      description: "Maximum session duration in seconds (3600 to 43200).",
      validation: [
        {
          condition: raw(
            `var.max_session_duration >= ${MAX_SESSION_DURATION.min} && var.max_session_duration <= ${MAX_SESSION_DURATION.max} && floor(var.max_session_duration) == var.max_session_duration`,
          ),
          errorMessage: `The max_session_duration must be a whole number of seconds from ${MAX_SESSION_DURATION.min} (1 hour) to ${MAX_SESSION_DURATION.max} (12 hours).`,
        },
      ],
    });
    this.addVariable("state_bucket_name", {
      type: "string",
      nullDefault: true,
      description:
        "State bucket the state_backend profile may create (default: <environment_name>-state-<account_id>-<region>).",
      validation: [nameValidation("state_bucket_name", AWS_RULES.bucketName, true)],
    });
    this.addVariable("lock_table_name", {
      type: "string",
      nullDefault: true,
      description:
        "Lock table the state_backend profile may create (default: <state_bucket_name>-locks, as the state-backend module names it).",
      validation: [nameValidation("lock_table_name", AWS_RULES.lockTableName, true)],
    });
    this.addVariable("aurora_cluster_identifier", {
      type: "string",
      nullDefault: true,
      description:
        "Aurora cluster the aurora_cluster profile may create (default: <environment_name>-aurora).",
      validation: [nameValidation("aurora_cluster_identifier", AURORA_IDENTIFIER_RULE, true)],
    });
    declareEcsInputs(this);
  }

  private declareOutputs(): void {
    // Outputs share names with variables (role_name); a child scope keeps the construct ids apart.
    const outputs = new Construct(this, "outputs");
    new TerraformOutput(outputs, "role_arn", {
      value: this.provisioner.role.arn,
      description: "ARN of the provisioning role (assume it to deploy).",
    });
    new TerraformOutput(outputs, "role_name", {
      value: this.provisioner.role.name,
      description: "Name of the provisioning role: <environment_name>-<role_name>.",
    });
    new TerraformOutput(outputs, "policy_arns", {
      value: raw(policyArnsByKey(this.provisioner)),
      description: `ARNs of the attached managed policies, by <profile>-<n> (each at most ${POLICY_SIZE_LIMITS.identity} characters).`,
    });
  }
}

/**
 * `<profile>-<n>` -> ARN of each created part (the map for_each gave before the parts were split
 * out). The per-part lists go in a local, which the HCL layout can open one entry per line.
 */
function policyArnsByKey(provisioner: MinProvisionerRole): string {
  const entries = provisioner.profilePolicies.map(
    (entry) => `${quoted(entry.key)} = aws_iam_policy.${partResourceName(entry.key)}[*].arn`,
  );
  const lists = new TerraformLocal(provisioner, "policy_arn_lists", raw(`{${entries.join(", ")}}`));
  return `{for key, arns in local.${lists.node.id} : key => one(arns) if length(arns) > 0}`;
}

/**
 * The min_provisioner profile lets the role rewrite its own policies (iam:CreatePolicyVersion on
 * `<env>-<role>-*`): granted only together with a permissions boundary, which caps what it can reach.
 */
function selfEscalationValidation(): TerraformVariableValidationConfig {
  return {
    condition: raw(
      `!contains(var.deploy_profiles, "min_provisioner") || var.permissions_boundary_arn != null`,
    ),
    errorMessage:
      "The deploy_profiles may include min_provisioner only when permissions_boundary_arn is set: that profile can rewrite the role's own policies, and the boundary caps what they can grant.",
  };
}

/** deploy_profiles: at least one, each a known profile, none twice. */
function profilesValidation(): TerraformVariableValidationConfig {
  return {
    condition: raw(
      `length(var.deploy_profiles) > 0 && length(distinct(var.deploy_profiles)) == length(var.deploy_profiles) && alltrue([for profile in var.deploy_profiles : contains(${hclList(DEPLOY_PROFILE_IDS)}, profile)])`,
    ),
    errorMessage: `The deploy_profiles must list at least one of ${DEPLOY_PROFILE_IDS.join(", ")}, each once.`,
  };
}
