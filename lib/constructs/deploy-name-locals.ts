import { TerraformLocal } from "cdktf";
import { Construct } from "constructs";
import { deployNameDefaults } from "../naming/deploy-policies";
import { defaultLockTableName, stateKeyAliasNameHcl } from "../naming/state-backend";
import { ecsComputeTaskDefinition } from "../naming/ecs-compute";
import { param, templateToHcl } from "../hcl/template";
import { raw } from "../hcl/text";

/** HCL expressions of the names a module's caller may override (null means "derive it"). */
export interface GivenDeployNames {
  readonly state_bucket_name: string;
  readonly lock_table_name: string;
  readonly aurora_cluster_identifier: string;
}

/** The given names, and the names derived from them as the modules derive them. */
export interface DeployNameExpressions extends GivenDeployNames {
  readonly state_key_alias_name: string;
}

/**
 * One local per overridable name, `coalesce(<given>, <default>)`, with the default built by the
 * lib/naming functions (filled with HCL expressions), so a module can never derive a name the
 * deploy policies do not. Locals share their variables' names; the child scope keeps construct ids apart.
 * @returns the `local.<name>` expression of each.
 */
export function deployNameLocals(
  scope: Construct,
  given: GivenDeployNames,
  environment: { readonly environment_name: string; readonly account_id: string; readonly region: string },
): DeployNameExpressions {
  const defaults = deployNameDefaults({
    environmentName: param("environment_name"),
    accountId: param("account_id"),
    region: param("region"),
  });
  const fallbacks: GivenDeployNames = {
    state_bucket_name: defaults.stateBucketName,
    lock_table_name: defaultLockTableName(param("state_bucket_name")),
    aurora_cluster_identifier: defaults.auroraClusterIdentifier,
  };
  const names = new Construct(scope, "names");
  const define = (name: string, expression: string): string =>
    `local.${new TerraformLocal(names, name, raw(expression)).node.id}`;
  // The lock table defaults to the bucket's name, as the state-backend module names it.
  const bindings: Record<string, string> = { ...environment };
  const local = (name: keyof GivenDeployNames): string =>
    define(name, `coalesce(${given[name]}, ${templateToHcl(fallbacks[name], bindings)})`);
  const stateBucketName = local("state_bucket_name");
  bindings.state_bucket_name = stateBucketName;
  return {
    state_bucket_name: stateBucketName,
    lock_table_name: local("lock_table_name"),
    aurora_cluster_identifier: local("aurora_cluster_identifier"),
    state_key_alias_name: define("state_key_alias_name", stateKeyAliasNameHcl(stateBucketName)),
  };
}

/**
 * `local.ecs_task_definition_arns`: one task definition ARN per family of `families` (an HCL list
 * expression), built from the lib/naming template, so the module and the policies agree.
 */
export function ecsTaskDefinitionArnsLocal(
  scope: Construct,
  families: string,
  environment: { readonly environment_name: string; readonly account_id: string; readonly region: string },
): string {
  const template = ecsComputeTaskDefinition(
    param("environment_name"),
    param("family"),
    param("region"),
    param("account_id"),
  ).arn;
  // The part before the family is a local of its own, so each generated line stays readable.
  const [before, after] = template.split(param("family"));
  const prefix = new TerraformLocal(
    scope,
    "ecs_task_definition_arn_prefix",
    raw(templateToHcl(before, environment)),
  );
  const arn = templateToHcl(`${param("prefix")}${param("family")}${after}`, {
    prefix: `local.${prefix.node.id}`,
    family: "family",
  });
  const local = new TerraformLocal(
    scope,
    "ecs_task_definition_arns",
    raw(`[for family in ${families} : ${arn}]`),
  );
  return `local.${local.node.id}`;
}
