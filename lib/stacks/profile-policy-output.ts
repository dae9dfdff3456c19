import { TerraformLocal, type Precondition } from "cdktf";
import { Construct } from "constructs";
import { raw } from "../hcl/text";
import { POLICY_SIZE_LIMITS } from "../iam/policy-kind";
import type { DeployPolicies } from "../constructs/deploy-policies";
import type { DeployProfileId } from "../permissions/deploy-profile";

/**
 * The value of a profile's `<profile>_deploy_policy_json` output. A profile whose one policy can
 * outgrow IAM's 6,144 characters at the longest values (see DeployPolicies.sizedAtPlan) is kept in a
 * local, so that a precondition can stop the plan, saying the size, before IAM would refuse it.
 */
export function profilePolicyOutput(
  scope: Construct,
  policies: DeployPolicies,
  profile: DeployProfileId,
): { readonly value: string; readonly precondition?: Precondition } {
  const expression = policies.expressions[profile];
  if (!policies.sizedAtPlan.has(profile)) return { value: raw(expression) };
  const locals = new Construct(scope, `${profile}_policy_locals`);
  const local = `local.${new TerraformLocal(locals, `${profile}_deploy_policy_json`, raw(expression)).node.id}`;
  const limit = POLICY_SIZE_LIMITS.identity;
  return {
    value: raw(local),
    precondition: {
      // jsonencode writes no whitespace outside strings, and the policy's strings hold none.
      condition: raw(`length(${local}) <= ${limit}`),
      errorMessage: `The ${profile} deploy policy is \${length(${local})} characters, over IAM's ${limit}-character managed-policy limit (long names in a long partition): use aws_least_privileged_policies, which is split to fit.`,
    },
  };
}
