import { TerraformLocal, TerraformOutput } from "cdktf";
import { Construct } from "constructs";
import { raw } from "../hcl/text";
import { POLICY_SIZE_LIMITS } from "../iam/policy-kind";
import { registerPolicy } from "../policy/registry";
import type { DeployPolicies } from "../constructs/deploy-policies";
import type { DeployProfileId } from "../permissions/deploy-profile";

/**
 * A profile's `<profile>_deploy_policy_json` output. A profile whose one policy can outgrow IAM's
 * 6,144 characters at the longest values (see DeployPolicies.sizedAtPlan) is kept in a local, so
 * that the output's precondition can stop the plan, saying the size, before IAM would refuse it.
 */
export function profilePolicyOutput(
  scope: Construct,
  policies: DeployPolicies,
  profile: DeployProfileId,
  description: string,
): TerraformOutput {
  const id = `${profile}_deploy_policy_json`;
  const expression = policies.expressions[profile];
  if (!policies.sizedAtPlan.has(profile))
    return new TerraformOutput(scope, id, { value: raw(expression), description });
  const locals = new Construct(scope, `${profile}_policy_locals`);
  const local = `local.${new TerraformLocal(locals, id, raw(expression)).node.id}`;
  registerPolicy(scope, local, policies.documents[profile]);
  const output = new TerraformOutput(scope, id, { value: raw(local), description });
  const limit = POLICY_SIZE_LIMITS.identity;
  // cdktf does not synthesize an output's precondition itself, so it goes in as an override.
  output.addOverride("precondition", [
    {
      // jsonencode writes no whitespace outside strings, and the policy's strings hold none.
      condition: raw(`length(${local}) <= ${limit}`),
      error_message: `The ${profile} deploy policy is \${length(${local})} characters, over IAM's ${limit}-character managed-policy limit (long names in a long partition): use aws_least_privileged_policies, which is split to fit.`,
    },
  ]);
  return output;
}
