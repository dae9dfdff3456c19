import type { Settings } from "../config/schema";
import { stateBucketName } from "../naming/state-backend";
import { renderConcrete, type ConcretePolicy } from "../policy/render-concrete";
import { stateReadOnlyPolicy, stateRuntimePolicy } from "../policy/documents/state-access";
import { deployPolicyExamples } from "./deploy-policy-examples";

/** A policy rendered for the example values in settings: written to modules-out/policies/<id>.json. */
export interface ExamplePolicy {
  readonly id: string;
  readonly policy: ConcretePolicy;
}

/**
 * An obviously-example KMS key id. AWS's documentation id (`...-34cd-56ef-...`) is not a version 1-5
 * UUID, so Terraform's S3 backend refuses it ("Invalid KMS Key ARN"); this one passes its check.
 */
export const EXAMPLE_KMS_KEY_ID = "1234abcd-12ab-44cd-a6ef-1234567890ab";

/**
 * Concrete renderings for `settings.examples`, for the state-backend defaults (lock files, KMS).
 * Pure: reads nothing but its argument; ids are file-name safe and unique.
 */
export function examplePolicies(settings: Settings): ReadonlyArray<ExamplePolicy> {
  const { environmentName, accountId, region, stateKeyPrefix } = settings.examples;
  const stateValues = {
    bucket_name: stateBucketName({ environmentName, accountId, region }),
    state_key_prefix: stateKeyPrefix,
    kms_key_arn: `arn:aws:kms:${region}:${accountId}:key/${EXAMPLE_KMS_KEY_ID}`,
    lock_table_arn: null,
    use_lockfile: true,
    list_bucket_without_prefix: false,
  };
  return [
    { id: stateRuntimePolicy.id, policy: renderConcrete(stateRuntimePolicy, stateValues) },
    { id: stateReadOnlyPolicy.id, policy: renderConcrete(stateReadOnlyPolicy, stateValues) },
    ...deployPolicyExamples(settings.examples),
  ];
}
