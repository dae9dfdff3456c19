import type { TerraformStack } from "cdktf";

/**
 * The bindings pin `required_providers.aws.version` to the exact version they were generated from
 * (6.25.0), which no filesystem mirror of another version can satisfy. The stacks use only what
 * 5.100 and 6.x share, so they accept the settings' range instead.
 */
export function acceptAwsProviderVersions(stack: TerraformStack, constraint: string): void {
  stack.addOverride("terraform.required_providers.aws.version", constraint);
}
