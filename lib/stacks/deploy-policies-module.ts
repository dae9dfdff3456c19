import { registerPolicy } from "../policy/registry";
import { DEPLOY_POLICIES_TESTS, DEPLOY_POLICIES_TESTS_DOC } from "./tftests/deploy-policies";
import { TerraformOutput, type TerraformVariableValidationConfig } from "cdktf";
import { Construct } from "constructs";
import type { Settings } from "../config/schema";
import { DeployPolicies } from "../constructs/deploy-policies";
import { AWS_RULES, type AwsRuleName } from "../naming/aws-rules";
import { AURORA_IDENTIFIER_RULE } from "../naming/aurora";
import { DEFAULT_MIN_PROVISIONER_ROLE_NAME, MIN_PROVISIONER_ROLE_NAME_MAX } from "../naming/min-provisioner";
import { DEPLOY_PROFILE_IDS } from "../permissions/deploy-profile";
import { DEPLOY_REGION_RULE } from "../naming/deploy-policies";
import { deployPermissionsSection } from "../permissions/deploy-docs";
import { seedComparisonSection } from "../permissions/seed-comparison";
import { ModuleStack } from "./module-stack";
import { quoted, raw } from "../hcl/text";
import { deployNameLocals, ecsTaskDefinitionArnsLocal } from "../constructs/deploy-name-locals";
import { addPartitionInput } from "./partition-input";
import { profilePolicyOutput } from "./profile-policy-output";
import {
  DEFAULT_ECS_TASK_FAMILIES,
  DEFAULT_ECS_WORKLOAD_NAME,
  ECS_ROLE_BOUNDARY_RULE,
  ECS_TASK_FAMILY_RULE,
  ECS_WORKLOAD_NAME_RULE,
} from "../naming/ecs-compute";
import { ECS_ROLE_BOUNDARY_PARAM } from "../naming/deploy-policies";

/** A naming rule as Terraform checks it: pattern and length, optionally allowing null. */
export interface NameRule {
  readonly pattern: string;
  readonly maxLength: number;
  readonly rule: string;
}

/** A validation block for a naming rule; a conditional (not ||) so that null skips the check. */
export function nameValidation(
  variable: string,
  spec: NameRule,
  nullable = false,
): TerraformVariableValidationConfig {
  const check = `can(regex(${quoted(spec.pattern)}, var.${variable})) && length(var.${variable}) <= ${spec.maxLength}`;
  return {
    condition: raw(nullable ? `var.${variable} == null ? true : (${check})` : check),
    errorMessage: `The ${variable} must be ${spec.rule}${nullable ? ", or null" : ""}.`,
  };
}

const rule = (name: AwsRuleName): NameRule => AWS_RULES[name];

/** The role-name part the min-provisioner prefixes with the environment. */
export const MIN_PROVISIONER_ROLE_NAME_RULE: NameRule = {
  pattern: "^[A-Za-z0-9+=,.@_-]+$",
  maxLength: MIN_PROVISIONER_ROLE_NAME_MAX,
  rule: `1-${MIN_PROVISIONER_ROLE_NAME_MAX} characters: letters, digits and +=,.@_- (the role is named <environment_name>-<role_name>)`,
};

/**
 * The deploy-policies module (provider-free, like seed 003's psoxy-constants): the least-privilege
 * policy to deploy each profile, and their union split to fit AWS's managed-policy size.
 */
export class DeployPoliciesModule extends ModuleStack {
  constructor(scope: Construct, _settings: Settings) {
    super(scope, {
      moduleName: "deploy-policies",
      usesAwsProvider: false,
      docs: {
        purpose:
          "Least-privilege IAM policies to deploy each profile (state backend, Aurora cluster, ECS compute, min-provisioner role), derived from the resources each one creates. Provider-free: only variables, locals and outputs, so Terraform can evaluate it offline.",
        usage: { environment_name: "tz", account_id: "123456789012", region: "eu-west-1" },
        sections: [deployPermissionsSection(), seedComparisonSection(), DEPLOY_POLICIES_TESTS_DOC],
      },
      tests: DEPLOY_POLICIES_TESTS,
    });
    this.addVariable("environment_name", {
      type: "string",
      description:
        "Environment (name prefix); every derived name starts with it and every created resource is tagged Environment = <environment_name>.",
      validation: [nameValidation("environment_name", rule("environmentName"))],
    });
    this.addVariable("account_id", {
      type: "string",
      description: "AWS account id the policies are for.",
      validation: [nameValidation("account_id", rule("accountId"))],
    });
    this.addVariable("region", {
      type: "string",
      description: "AWS region the resources live in.",
      validation: [nameValidation("region", DEPLOY_REGION_RULE)],
    });
    this.addVariable("state_bucket_name", {
      type: "string",
      nullDefault: true,
      description: "State bucket name (default: <environment_name>-state-<account_id>-<region>).",
      validation: [nameValidation("state_bucket_name", rule("bucketName"), true)],
    });
    this.addVariable("lock_table_name", {
      type: "string",
      nullDefault: true,
      description:
        "DynamoDB lock table name (default: <state_bucket_name>-locks, as the state-backend module names it).",
      validation: [nameValidation("lock_table_name", rule("lockTableName"), true)],
    });
    this.addVariable("aurora_cluster_identifier", {
      type: "string",
      nullDefault: true,
      description: "Aurora cluster identifier (default: <environment_name>-aurora).",
      validation: [nameValidation("aurora_cluster_identifier", AURORA_IDENTIFIER_RULE, true)],
    });
    this.addVariable("min_provisioner_role_name", {
      type: "string",
      default: DEFAULT_MIN_PROVISIONER_ROLE_NAME,
      description: "The min-provisioner module's role_name (its role is <environment_name>-<role_name>).",
      validation: [nameValidation("min_provisioner_role_name", MIN_PROVISIONER_ROLE_NAME_RULE)],
    });

    declareEcsInputs(this);

    addPartitionInput(this, { regionVariable: "region" });
    deployNameLocals(
      this,
      {
        state_bucket_name: "var.state_bucket_name",
        lock_table_name: "var.lock_table_name",
        aurora_cluster_identifier: "var.aurora_cluster_identifier",
      },
      { environment_name: "var.environment_name", account_id: "var.account_id", region: "var.region" },
    );

    ecsTaskDefinitionArnsLocal(this, "var.ecs_task_families", {
      environment_name: "var.environment_name",
      account_id: "var.account_id",
      region: "var.region",
      partition: "var.partition",
    });
    const policies = new DeployPolicies(this, "policies", { bindings: DEPLOY_POLICY_BINDINGS });
    for (const profile of DEPLOY_PROFILE_IDS) {
      profilePolicyOutput(
        this,
        policies,
        profile,
        `${policies.documents[profile].description} JSON policy document.`,
      );
      registerPolicy(this, `output.${profile}_deploy_policy_json`, policies.documents[profile]);
    }
    new TerraformOutput(this, "aws_least_privileged_policies", {
      value: raw(`[${policies.unionExpressions.join(", ")}]`),
      description:
        "Every profile's deploy policy, split into as few JSON policy documents as fit AWS's 6,144-character managed-policy limit (sized for the longest values the variables allow).",
    });
    registerPolicy(this, "output.aws_least_privileged_policies", ...policies.unionDocuments);
  }
}

/** The module's variables and locals, as the deploy policies refer to them. */
export const DEPLOY_POLICY_BINDINGS = {
  environment_name: { expression: "var.environment_name" },
  account_id: { expression: "var.account_id" },
  region: { expression: "var.region" },
  state_bucket_name: { expression: "local.state_bucket_name" },
  state_key_alias_name: { expression: "local.state_key_alias_name" },
  lock_table_name: { expression: "local.lock_table_name" },
  aurora_cluster_identifier: { expression: "local.aurora_cluster_identifier" },
  min_provisioner_role_name: { expression: "var.min_provisioner_role_name" },
  ecs_workload_name: { expression: "var.ecs_workload_name" },
  ecs_task_definition_arns: { expression: "local.ecs_task_definition_arns", list: true },
  [ECS_ROLE_BOUNDARY_PARAM]: { expression: `var.${ECS_ROLE_BOUNDARY_PARAM}` },
  partition: { expression: "var.partition" },
  dns_suffix: { expression: "local.dns_suffix" },
} as const;

/**
 * The ECS compute names (seed 004's by default) and the optional permissions boundary of its roles,
 * as variables of a module that renders the ecs_compute deploy policy (this one, min-provisioner).
 */
export function declareEcsInputs(stack: ModuleStack): void {
  stack.addVariable("ecs_workload_name", {
    type: "string",
    default: DEFAULT_ECS_WORKLOAD_NAME,
    nullable: false,
    description:
      "The ECS workload the ecs_compute profile deploys: its cluster, roles, policies, buckets and log groups are named <environment_name>-<ecs_workload_name>-... (seed 004: orchestra).",
    validation: [nameValidation("ecs_workload_name", ECS_WORKLOAD_NAME_RULE)],
  });
  stack.addVariable("ecs_task_families", {
    type: "list(string)",
    default: DEFAULT_ECS_TASK_FAMILIES,
    nullable: false,
    description:
      "Task definition families the ecs_compute profile may register, each named <environment_name>-<family>* (seed 004: dbt_core, python).",
    validation: [taskFamiliesValidation()],
  });
  stack.addVariable(ECS_ROLE_BOUNDARY_PARAM, {
    type: "string",
    nullDefault: true,
    description:
      "Permissions boundary (managed policy ARN) the ECS roles must have. When set, the ecs_compute profile creates the roles only with it; when null, it can create roles of any power (see Deploy permissions).",
    validation: [nameValidation(ECS_ROLE_BOUNDARY_PARAM, ECS_ROLE_BOUNDARY_RULE, true)],
  });
}

/** ecs_task_families: 1 to maxCount distinct names, each a valid family of bounded length. */
function taskFamiliesValidation(): TerraformVariableValidationConfig {
  const { pattern, maxLength, maxCount, rule } = ECS_TASK_FAMILY_RULE;
  return {
    condition: raw(
      `length(var.ecs_task_families) >= 1 && length(var.ecs_task_families) <= ${maxCount} && length(distinct(var.ecs_task_families)) == length(var.ecs_task_families) && alltrue([for family in var.ecs_task_families : can(regex(${quoted(pattern)}, family)) && length(family) <= ${maxLength}])`,
    ),
    errorMessage: `The ecs_task_families must be ${rule}, each once.`,
  };
}
