import { requireLocalAwsOnCi } from "./find-local-aws";
import { generateSharedModulesOut } from "./generated-modules-out";
import requireTerraformOnCi from "./terraform-global-setup";

/**
 * Jest globalSetup of the proof tier: on CI, terraform and the local AWS are not optional; then
 * modules-out/ is generated once for every suite that starts from what generateModules writes.
 */
export default async function setUpProofs(): Promise<void> {
  spendMemoryOnGoGc();
  requireTerraformOnCi();
  requireLocalAwsOnCi();
  await generateSharedModulesOut();
}

/**
 * Every terraform and provider process the proofs start inherits this (jest's workers are started
 * after the global setup). The AWS provider (700 MB) spends about a third of its CPU in Go's garbage
 * collector at the default GOGC=100: measured here, `terraform plan` 2.1 -> 1.4 s of CPU at
 * GOGC=400, the apply proof 262 -> 208 s. The memory limit keeps each process's heap bounded (13
 * roots apply at once). A value the caller set is kept.
 */
function spendMemoryOnGoGc(): void {
  process.env.GOGC ??= "400";
  process.env.GOMEMLIMIT ??= "1GiB";
}
