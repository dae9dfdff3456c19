import { TerraformLocal, TerraformStack, Token } from "cdktf";
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
import { quoted, raw } from "../hcl/text";
import { deployNameLocals, ecsTaskDefinitionArnsLocal } from "./deploy-name-locals";
import { ECS_ROLE_BOUNDARY_PARAM } from "../naming/deploy-policies";

/** IAM's default quota of managed policies attached to one role (it can be raised to 20). */
export const MANAGED_POLICIES_PER_ROLE = 10;

/** Where the union of every part the role can be granted is registered for the rule pack. */
export const ATTACHED_POLICIES = "aws_iam_role.this.attached_policies";

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
  /** One managed policy per profile part, in profilePolicies order, each counted in when its profile is selected. */
  readonly policies: readonly IamPolicy[];
  readonly attachments: readonly IamRolePolicyAttachment[];
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
    const trustPolicy = this.trustPolicyExpression(props);
    this.role = this.createRole(props, trustPolicy);
    this.registerPolicies();
    this.policies = this.profilePolicies.map((entry) => this.createPolicy(props, bindings, entry));
    this.attachments = this.profilePolicies.map((entry) => this.createAttachment(props, entry));
    movedFromForEach(this, this.profilePolicies);
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

  /**
   * The trust policy as an HCL expression. The role's assume_role_policy holds it literally (scanners
   * such as checkov read a policy only there, not through a local); the size precondition reads the
   * same expression through local.trust_policy.
   */
  private trustPolicyExpression(props: MinProvisionerRoleProps): string {
    return renderTerraformExpression(minProvisionerTrustPolicy, {
      trusted_principal_arns: { expression: props.trustedPrincipalArns, list: true },
      external_id: { expression: props.externalId },
      require_mfa: { expression: props.requireMfa },
    });
  }

  private createRole(props: MinProvisionerRoleProps, trustPolicy: string): IamRole {
    const role = minProvisionerRole(param("environment_name"), param("role_name"), param("account_id"));
    const trustSize = `length(${hclOf(new TerraformLocal(this, "trust_policy", raw(trustPolicy)))})`;
    return new IamRole(new Construct(this, "role"), "this", {
      name: interpolated(role.name, nameParts(props)),
      description: "Least-privilege provisioning role (min-provisioner module).",
      assumeRolePolicy: raw(trustPolicy),
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
   * The rule pack judges the documents themselves: each part where Terraform (and a scanner) reads
   * it, and their union as what the role can hold, since a risk may need two parts (iam:CreateRole in
   * one, iam:PassRole in another). The union has no attribute of its own: it is registered on the role.
   */
  private registerPolicies(): void {
    registerPolicy(this, "aws_iam_role.this.assume_role_policy", minProvisionerTrustPolicy);
    registerPolicy(this, "local.trust_policy", minProvisionerTrustPolicy);
    for (const entry of this.profilePolicies) {
      registerPolicy(this, `aws_iam_policy.${partResourceName(entry.key)}.policy`, entry.document);
    }
    registerPolicy(this, ATTACHED_POLICIES, ...this.profilePolicies.map((entry) => entry.document));
  }

  /**
   * One profile part's managed policy, its document written literally in `policy` (a scanner can
   * read it without evaluating for_each), created when its profile is in deploy_profiles.
   */
  private createPolicy(
    props: MinProvisionerRoleProps,
    bindings: Readonly<Record<string, ParamBinding>>,
    entry: ProfilePolicy,
  ): IamPolicy {
    const name = partResourceName(entry.key);
    const policyName = minProvisionerPolicyName(param("environment_name"), param("role_name"), entry.key);
    return new IamPolicy(new Construct(this, `policy_${name}`), name, {
      count: selectedCount(props, entry),
      name: interpolated(policyName, nameParts(props)),
      description: `Deploy policy ${entry.profile} (min-provisioner module, ${entry.key}).`,
      policy: raw(renderTerraformExpression(entry.document, bindings)),
      tags: environmentTag(props),
    });
  }

  private createAttachment(props: MinProvisionerRoleProps, entry: ProfilePolicy): IamRolePolicyAttachment {
    const name = partResourceName(entry.key);
    return new IamRolePolicyAttachment(new Construct(this, `attachment_${name}`), name, {
      count: selectedCount(props, entry),
      role: this.role.name,
      policyArn: raw(`aws_iam_policy.${name}[count.index].arn`),
    });
  }
}

/** The resource name of a profile part: its key `<profile>-<n>` as an identifier (`<profile>_<n>`). */
export function partResourceName(key: string): string {
  return key.replace(/-/g, "_");
}

/** 1 when the part's profile is in deploy_profiles, else 0. */
function selectedCount(props: MinProvisionerRoleProps, entry: ProfilePolicy): number {
  return Token.asNumber(raw(`contains(${props.deployProfiles}, ${quoted(entry.profile)}) ? 1 : 0`));
}

/**
 * Up to 1.x the parts were instances of one for_each resource (`aws_iam_policy.this["<key>"]`):
 * moved blocks carry them, and their attachments, to the per-part resources, so nothing is replaced.
 */
function movedFromForEach(scope: Construct, parts: readonly ProfilePolicy[]): void {
  const moved = parts.flatMap((entry) =>
    ["aws_iam_policy", "aws_iam_role_policy_attachment"].map((type) => ({
      from: `${type}.this[${JSON.stringify(entry.key)}]`,
      to: `${type}.${partResourceName(entry.key)}[0]`,
    })),
  );
  TerraformStack.of(scope).addOverride("moved", moved);
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
  return { environment_name: props.environmentName, role_name: props.roleName };
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
