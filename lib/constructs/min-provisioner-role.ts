import { TerraformIterator, TerraformLocal, Token } from "cdktf";
import { Construct } from "constructs";
import { DataAwsCallerIdentity } from "@cdktf/provider-aws/lib/data-aws-caller-identity";
import { DataAwsRegion } from "@cdktf/provider-aws/lib/data-aws-region";
import { DataAwsPartition } from "@cdktf/provider-aws/lib/data-aws-partition";
import { IamPolicy } from "@cdktf/provider-aws/lib/iam-policy";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { registerPolicy } from "../policy/registry";
import { minProvisionerPolicyName, minProvisionerRole } from "../naming/min-provisioner";
import {
  DEPLOY_PROFILE_IDS,
  deployPolicyDocument,
  type DeployProfileId,
} from "../permissions/deploy-profile";
import { DEPLOY_PROFILES } from "../permissions/profiles";
import { minProvisionerTrustPolicy } from "../policy/documents/min-provisioner-trust";
import type { PolicyDocument } from "../policy/model";
import { renderTerraformExpression, type ParamBinding } from "../policy/render-terraform";
import { splitPolicy } from "../policy/split";
import { param, templateToHcl } from "../hcl/template";
import { assertValidPolicy } from "../policy/validate";
import { POLICY_SIZE_LIMITS } from "../iam/policy-kind";
import { raw } from "../hcl/text";
import { deployNameLocals, ecsTaskDefinitionArnsLocal } from "./deploy-name-locals";
import { ECS_ROLE_BOUNDARY_PARAM } from "../naming/deploy-policies";

/** IAM's default quota of managed policies attached to one role (it can be raised to 20). */
export const MANAGED_POLICIES_PER_ROLE = 10;

/** Every input is an HCL expression over the module's variables (e.g. `var.role_name`). */
export interface MinProvisionerRoleProps {
  readonly environmentName: string;
  readonly roleName: string;
  readonly trustedPrincipalArns: string;
  /** May evaluate to null: then no `sts:ExternalId` condition. */
  readonly externalId: string;
  readonly requireMfa: string;
  /** A list of profile ids; only their policies are created and attached. */
  readonly deployProfiles: string;
  /** May evaluate to null: then the role has no permissions boundary. */
  readonly permissionsBoundaryArn: string;
  readonly maxSessionDuration: string;
  /**
   * The names the deploy policies scope (state bucket, lock table, Aurora cluster identifier). Each
   * may evaluate to null: then the name derived from the environment (lib/naming) is used.
   */
  readonly stateBucketName: string;
  readonly lockTableName: string;
  readonly auroraClusterIdentifier: string;
  /** The ECS workload name, its task families (a list) and its roles' boundary (may be null). */
  readonly ecsWorkloadName: string;
  readonly ecsTaskFamilies: string;
  readonly ecsRoleBoundaryArn: string;
}

/** One managed policy: a profile's deploy policy, or one part of it when it is split. */
export interface ProfilePolicy {
  /** `<profile>-<n>`: the for_each key, and the suffix of the policy name. */
  readonly key: string;
  readonly profile: DeployProfileId;
  readonly document: PolicyDocument;
}

/**
 * The provisioning role of seed 003, least-privilege: a role only the trusted principals can assume
 * (optionally with an external id and MFA), and one managed policy per document of the selected
 * deploy profiles, each profile split on its own so that Terraform can select profiles by key.
 */
export class MinProvisionerRole extends Construct {
  readonly callerIdentity: DataAwsCallerIdentity;
  readonly region: DataAwsRegion;
  /** The partition (`aws`, `aws-cn`, `aws-us-gov`) and DNS suffix every ARN and `kms:ViaService` uses. */
  readonly partition: DataAwsPartition;
  readonly role: IamRole;
  readonly policies: IamPolicy;
  readonly attachments: IamRolePolicyAttachment;
  /** Every policy the module can create, whichever profiles are selected. */
  readonly profilePolicies: readonly ProfilePolicy[];

  constructor(scope: Construct, id: string, props: MinProvisionerRoleProps) {
    super(scope, id);
    // Synth fails naming the Sid if the trust policy could be rejected by IAM or outgrow 2,048 characters.
    assertValidPolicy(minProvisionerTrustPolicy);
    this.profilePolicies = profilePolicies();
    // The deploy policies name this account and region, as Terraform runs against them.
    this.callerIdentity = new DataAwsCallerIdentity(new Construct(this, "caller_identity"), "current", {});
    this.region = new DataAwsRegion(new Construct(this, "region_data"), "current", {});
    this.partition = new DataAwsPartition(new Construct(this, "partition_data"), "current", {});
    const bindings = this.deployBindings(props);
    const trustPolicy = this.trustPolicyLocal(props);
    const deployPolicies = this.deployPoliciesLocal(bindings);
    this.role = this.createRole(props, trustPolicy);
    this.registerPolicies();
    this.policies = this.createPolicies(props, deployPolicies);
    this.attachments = new IamRolePolicyAttachment(new Construct(this, "attachment"), "this", {
      forEach: TerraformIterator.fromResources(this.policies),
      role: this.role.name,
      policyArn: raw("each.value.arn"),
    });
  }

  /** How the deploy policies' parameters are filled: props, this account and region, default names. */
  private deployBindings(props: MinProvisionerRoleProps): Record<string, ParamBinding> {
    // Short names for the account and region keep each ARN of the policies on one readable line.
    const accountId = new TerraformLocal(this, "account_id", this.callerIdentity.accountId);
    const region = new TerraformLocal(this, "region", this.region.id);
    const partition = new TerraformLocal(this, "partition", this.partition.partition);
    const dnsSuffix = new TerraformLocal(this, "dns_suffix", this.partition.dnsSuffix);
    const bindings: Record<string, ParamBinding> = {
      environment_name: { expression: props.environmentName },
      account_id: { expression: hclOf(accountId) },
      region: { expression: hclOf(region) },
      min_provisioner_role_name: { expression: props.roleName },
      ecs_workload_name: {
        expression: hclOf(new TerraformLocal(this, "ecs_workload", raw(props.ecsWorkloadName))),
      },
      [ECS_ROLE_BOUNDARY_PARAM]: { expression: props.ecsRoleBoundaryArn },
      partition: { expression: hclOf(partition) },
      dns_suffix: { expression: hclOf(dnsSuffix) },
    };
    // Default names come from lib/naming, filled with the same expressions as the policies.
    const names = deployNameLocals(
      this,
      {
        state_bucket_name: props.stateBucketName,
        lock_table_name: props.lockTableName,
        aurora_cluster_identifier: props.auroraClusterIdentifier,
      },
      {
        environment_name: bindings.environment_name.expression,
        account_id: bindings.account_id.expression,
        region: bindings.region.expression,
      },
    );
    for (const [name, expression] of Object.entries(names)) bindings[name] = { expression };
    bindings.ecs_task_definition_arns = {
      expression: ecsTaskDefinitionArnsLocal(this, props.ecsTaskFamilies, {
        environment_name: bindings.environment_name.expression,
        account_id: bindings.account_id.expression,
        region: bindings.region.expression,
        partition: bindings.partition.expression,
      }),
      list: true,
    };
    return bindings;
  }

  private trustPolicyLocal(props: MinProvisionerRoleProps): TerraformLocal {
    return new TerraformLocal(
      this,
      "trust_policy",
      raw(
        renderTerraformExpression(minProvisionerTrustPolicy, {
          trusted_principal_arns: { expression: props.trustedPrincipalArns, list: true },
          external_id: { expression: props.externalId },
          require_mfa: { expression: props.requireMfa },
        }),
      ),
    );
  }

  /** Every profile part's policy, keyed `<profile>-<n>`: the role's policies are chosen from it. */
  private deployPoliciesLocal(bindings: Readonly<Record<string, ParamBinding>>): TerraformLocal {
    const entries = this.profilePolicies.map(
      (entry) =>
        `"${entry.key}" = {profile = "${entry.profile}", policy = ${renderTerraformExpression(entry.document, bindings)}}`,
    );
    return new TerraformLocal(this, "deploy_policies", raw(`tomap({${entries.join(", ")}})`));
  }

  private createRole(props: MinProvisionerRoleProps, trustPolicy: TerraformLocal): IamRole {
    const role = minProvisionerRole(param("environment_name"), param("role_name"), param("account_id"));
    const trustSize = `length(${hclOf(trustPolicy)})`;
    return new IamRole(new Construct(this, "role"), "this", {
      name: interpolated(role.name, nameParts(props)),
      description: "Least-privilege provisioning role (min-provisioner module).",
      assumeRolePolicy: raw(hclOf(trustPolicy)),
      maxSessionDuration: Token.asNumber(raw(props.maxSessionDuration)),
      permissionsBoundary: raw(props.permissionsBoundaryArn),
      tags: environmentTag(props),
      lifecycle: {
        precondition: [
          {
            condition: raw(`${trustSize} <= ${POLICY_SIZE_LIMITS.trust}`),
            errorMessage: `The trust policy is \${${trustSize}} characters, over IAM's default limit of ${POLICY_SIZE_LIMITS.trust}: trust fewer principals (e.g. the account root instead of each role) or a shorter external_id.`,
          },
          samePartitionPrincipals(
            props.trustedPrincipalArns,
            `data.aws_partition.${this.partition.friendlyUniqueId}.partition`,
          ),
        ],
      },
    });
  }

  /**
   * The rule pack judges the documents themselves. The managed policies are chosen at plan time
   * (for_each over the selected profiles), so it judges the union of every document the role could get.
   */
  private registerPolicies(): void {
    registerPolicy(this, "aws_iam_role.this.assume_role_policy", minProvisionerTrustPolicy);
    registerPolicy(this, "local.trust_policy", minProvisionerTrustPolicy);
    const everyPolicy: PolicyDocument = {
      id: "min-provisioner-every-profile",
      description: "Every deploy-profile document the min-provisioner role can be granted.",
      kind: "identity",
      params: Object.assign({}, ...this.profilePolicies.map((p) => p.document.params)),
      statements: this.profilePolicies.flatMap((p) => p.document.statements),
    };
    registerPolicy(this, "aws_iam_policy.this.policy", everyPolicy);
    registerPolicy(this, "local.deploy_policies", everyPolicy);
  }

  /** One managed policy per part of each selected profile. */
  private createPolicies(props: MinProvisionerRoleProps, deployPolicies: TerraformLocal): IamPolicy {
    const selected = TerraformIterator.fromMap(
      Token.asAnyMap(
        raw(
          `{for key, entry in ${hclOf(deployPolicies)} : key => entry if contains(${props.deployProfiles}, entry.profile)}`,
        ),
      ),
    );
    const policyName = minProvisionerPolicyName(param("environment_name"), param("role_name"), param("key"));
    return new IamPolicy(new Construct(this, "policy"), "this", {
      forEach: selected,
      name: interpolated(policyName, nameParts(props)),
      description: "Deploy policy ${each.value.profile} (min-provisioner module, ${each.key}).",
      policy: raw("each.value.policy"),
      tags: environmentTag(props),
    });
  }
}

/**
 * A principal of another partition can never assume the role: refuse it at plan time, naming the
 * partition the provider runs in (account ids are partition-free).
 */
function samePartitionPrincipals(principals: string, partition: string) {
  return {
    condition: raw(
      `alltrue([for arn in ${principals} : can(regex("^[0-9]{12}$", arn)) || startswith(arn, "arn:\${${partition}}:")])`,
    ),
    errorMessage: `Each of trusted_principal_arns must be in the partition this role is created in (arn:\${${partition}}:...): a principal of another partition can never assume it.`,
  };
}

/** The expressions the role and policy name templates are filled with. */
function nameParts(props: MinProvisionerRoleProps): Record<string, string> {
  return { environment_name: props.environmentName, role_name: props.roleName, key: "each.key" };
}

function environmentTag(props: MinProvisionerRoleProps): Record<string, string> {
  return { Environment: raw(props.environmentName) };
}

/** A `{param}` template as a Terraform string value with `${...}` interpolations. */
function interpolated(template: string, expressions: Readonly<Record<string, string>>): string {
  return templateToHcl(template, expressions).slice(1, -1);
}

/** `local.x` for a TerraformLocal (its logical id is its construct id). */
function hclOf(local: TerraformLocal): string {
  return `local.${local.node.id}`;
}

/**
 * Every profile's deploy policy, split on its own to fit 6,144 characters (at the longest values the
 * variables allow), keyed `<profile>-<n>`. Validated here so a policy IAM would reject fails synth.
 */
export function profilePolicies(): ProfilePolicy[] {
  const out: ProfilePolicy[] = [];
  for (const profile of DEPLOY_PROFILE_IDS) {
    splitPolicy(deployPolicyDocument(DEPLOY_PROFILES[profile])).forEach((document, index) => {
      assertValidPolicy(document);
      out.push({ key: `${profile}-${index + 1}`, profile, document });
    });
  }
  if (out.length > MANAGED_POLICIES_PER_ROLE) {
    throw new Error(
      `All deploy profiles need ${out.length} managed policies, over IAM's ${MANAGED_POLICIES_PER_ROLE} per role.`,
    );
  }
  return out;
}
