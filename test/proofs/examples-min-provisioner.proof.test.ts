import { minProvisionerProfile } from "../../lib/permissions/profiles/min-provisioner";
import { describeExampleLifecycle, MOTO_ACCOUNT_ID } from "../examples/example-lifecycle";

/**
 * examples/min-provisioner (the generated module by relative source) through its life cycle with
 * the real provider against moto. The module takes no tags (it tags Environment itself), so the
 * update changes one setting: the role's maximum session duration.
 */
describeExampleLifecycle({
  example: "min-provisioner",
  profile: minProvisionerProfile,
  params: {
    partition: "aws",
    region: "eu-west-1",
    account_id: MOTO_ACCOUNT_ID,
    environment_name: "tz",
    min_provisioner_role_name: "MinProvisioner",
  },
  update: { max_session_duration: 7200 },
  updatedSettings: ["module.min_provisioner.aws_iam_role.this max_session_duration"],
});
