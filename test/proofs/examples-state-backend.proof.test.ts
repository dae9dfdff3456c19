import { defaultLockTableName, stateBucketName, stateKeyAliasName } from "../../lib/naming/state-backend";
import { stateBackendProfile } from "../../lib/permissions/profiles/state-backend";
import { describeExampleLifecycle, MOTO_ACCOUNT_ID, NEW_TAGS } from "../examples/example-lifecycle";

/**
 * examples/state-backend (the generated module by relative source, lock_mode "both") through its
 * life cycle with the real provider against moto: the update changes the tags and the noncurrent
 * version expiration; destroy stops at the module's prevent_destroy, as designed.
 */
const environment = { environmentName: "tz", accountId: MOTO_ACCOUNT_ID, region: "eu-west-1" };
const bucket = stateBucketName(environment);

describeExampleLifecycle({
  example: "state-backend",
  profile: stateBackendProfile,
  params: {
    partition: "aws",
    region: environment.region,
    account_id: environment.accountId,
    environment_name: environment.environmentName,
    state_bucket_name: bucket,
    lock_table_name: defaultLockTableName(bucket),
    state_key_alias_name: stateKeyAliasName(bucket),
  },
  update: { tags: NEW_TAGS, noncurrent_version_expiration_days: 30 },
  updatedSettings: ["module.state_backend.aws_s3_bucket_lifecycle_configuration.this rule"],
  destroy: "prevented",
});
