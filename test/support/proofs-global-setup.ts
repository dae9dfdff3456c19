import { requireLocalAwsOnCi } from "./find-local-aws";
import { generateSharedModulesOut } from "./generated-modules-out";
import requireTerraformOnCi from "./terraform-global-setup";

/**
 * Jest globalSetup of the proof tier: on CI, terraform and the local AWS are not optional; then
 * modules-out/ is generated once for every suite that starts from what generateModules writes.
 */
export default async function setUpProofs(): Promise<void> {
  requireTerraformOnCi();
  requireLocalAwsOnCi();
  await generateSharedModulesOut();
}
