import { findTerraform, onCi, TERRAFORM_REQUIRED_ON_CI } from "./find-terraform";

/**
 * Jest globalSetup: on CI a missing terraform stops the run before any test, with one line.
 * Locally the terraform-backed tests are skipped instead and the skip reporter counts them.
 */
export default function requireTerraformOnCi(): void {
  if (!onCi() || findTerraform()) return;
  const error = new Error(TERRAFORM_REQUIRED_ON_CI);
  // Jest prints the stack of a failed global setup; the message alone is the whole story.
  error.stack = TERRAFORM_REQUIRED_ON_CI;
  throw error;
}
