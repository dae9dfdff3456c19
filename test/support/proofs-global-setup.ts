import { requireLocalAwsOnCi } from "./find-local-aws";
import requireTerraformOnCi from "./terraform-global-setup";

/** Jest globalSetup of the proof tier: on CI, terraform and the local AWS are not optional. */
export default function requireProofToolsOnCi(): void {
  requireTerraformOnCi();
  requireLocalAwsOnCi();
}
