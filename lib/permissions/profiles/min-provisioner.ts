import { DEPLOY_PARAMS } from "../../naming/deploy-policies";
import { minProvisionerPolicies, minProvisionerRole } from "../../naming/min-provisioner";
import type { DeployProfile } from "../deploy-profile";

const { environmentName: env, accountId, region, minProvisionerRoleName } = DEPLOY_PARAMS;

const role = minProvisionerRole(env, minProvisionerRoleName, accountId);
const policies = minProvisionerPolicies(env, minProvisionerRoleName, accountId);

/** What the min-provisioner module creates: its role, its managed policies, their attachments. */
export const minProvisionerProfile: DeployProfile = {
  id: "min_provisioner",
  description:
    "Deploy the min-provisioner module: the provisioning role, its managed policies and attachments.",
  derive: {
    sidPrefix: "MinProv",
    environment: env,
    region,
    resources: [
      { type: "aws_iam_role", arn: role.arn },
      { type: "aws_iam_policy", arn: policies.arn },
      { type: "aws_iam_role_policy_attachment", arn: role.arn, attachablePolicyArns: [policies.arn] },
    ],
  },
};
