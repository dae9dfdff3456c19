import { Construct } from "constructs";
import { assertValidPolicy, fitsAtWorstCase } from "../policy/validate";
import type { PolicyDocument } from "../policy/model";
import { renderTerraformExpression, type ParamBinding } from "../policy/render-terraform";
import { splitPolicy } from "../policy/split";
import {
  DEPLOY_PROFILE_IDS,
  deployPolicyDocument,
  unionDocument,
  type DeployProfileId,
} from "../permissions/deploy-profile";
import { DEPLOY_PROFILES } from "../permissions/profiles";

export interface DeployPoliciesProps {
  /** How the module refers to each deploy parameter (`var.environment_name`, `local.state_bucket_name`, ...). */
  readonly bindings: Readonly<Record<string, ParamBinding>>;
}

/**
 * The deploy policies of every profile, derived, validated (synth fails naming the Sid) and
 * rendered as Terraform expressions; plus their union split to fit the managed-policy limit.
 */
export class DeployPolicies extends Construct {
  /** One document per profile. */
  readonly documents: Readonly<Record<DeployProfileId, PolicyDocument>>;
  /** The union of all profiles, split into as few managed-policy-sized documents as fit. */
  readonly unionDocuments: readonly PolicyDocument[];
  /** `jsonencode(...)` expression per profile. */
  readonly expressions: Readonly<Record<DeployProfileId, string>>;
  readonly unionExpressions: readonly string[];
  /**
   * Profiles whose single policy can outgrow 6,144 characters with the longest values the variables
   * allow (ecs_compute in aws-us-gov): their outputs check the rendered size at plan time instead.
   * The union documents are always split to fit the worst case.
   */
  readonly sizedAtPlan: ReadonlySet<DeployProfileId>;

  constructor(scope: Construct, id: string, props: DeployPoliciesProps) {
    super(scope, id);
    const documents = deployPolicyDocuments();
    this.documents = documents;
    this.unionDocuments = unionPolicyDocuments();
    this.sizedAtPlan = new Set(DEPLOY_PROFILE_IDS.filter((profile) => !fitsAtWorstCase(documents[profile])));
    // Synth fails naming the Sid of any statement AWS would reject or that outgrows 6,144 characters.
    for (const profile of DEPLOY_PROFILE_IDS) {
      assertValidPolicy(documents[profile], { sizeCheckedAtPlan: this.sizedAtPlan.has(profile) });
    }
    for (const document of this.unionDocuments) assertValidPolicy(document);
    const expressions = {} as Record<DeployProfileId, string>;
    for (const profile of DEPLOY_PROFILE_IDS) {
      expressions[profile] = renderTerraformExpression(documents[profile], props.bindings);
    }
    this.expressions = expressions;
    this.unionExpressions = this.unionDocuments.map((document) =>
      renderTerraformExpression(document, props.bindings),
    );
  }
}

/** Every profile's deploy policy document. */
export function deployPolicyDocuments(): Record<DeployProfileId, PolicyDocument> {
  const documents = {} as Record<DeployProfileId, PolicyDocument>;
  for (const profile of DEPLOY_PROFILE_IDS)
    documents[profile] = deployPolicyDocument(DEPLOY_PROFILES[profile]);
  return documents;
}

/** The union of every profile, split to fit 6,144 characters per document at worst-case values. */
export function unionPolicyDocuments(): PolicyDocument[] {
  return splitPolicy(unionDocument(DEPLOY_PROFILE_IDS.map((profile) => DEPLOY_PROFILES[profile])));
}
