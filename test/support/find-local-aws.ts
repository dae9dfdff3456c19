import { existsSync } from "node:fs";
import { delimiter, join } from "node:path";
import { findTerraform, onCi } from "./find-terraform";

/**
 * The one place that decides whether the apply proofs (moto + the real provider) can run. It has no
 * jest globals, so the proofs' global setup can use it too.
 */

/** Where the real provider (hashicorp/aws 5.100.0) is mirrored on every machine of this project. */
export const PROVIDER_MIRROR = process.env.SECURE_TF_PROVIDER_MIRROR ?? "/opt/tf-plugins";

/** Appended to the name of every test skipped for lack of moto, terraform or the provider mirror. */
export const NEEDS_LOCAL_AWS = " [needs local AWS]";

/** What a CI run without the local AWS fails with. */
export const LOCAL_AWS_REQUIRED_ON_CI =
  "the local AWS is required on CI: moto_server (pip install 'moto[server]==5.2.1'), terraform and hashicorp/aws in " +
  `${PROVIDER_MIRROR} (or set SECURE_TF_PROVIDER_MIRROR)`;

/** Path of moto_server on PATH, or undefined. */
export function findMotoServer(path: string = process.env.PATH ?? ""): string | undefined {
  for (const dir of path.split(delimiter)) {
    const candidate = join(dir, "moto_server");
    if (dir && existsSync(candidate)) return candidate;
  }
  return undefined;
}

/** True when the mirror holds some hashicorp/aws build. */
export function hasProviderMirror(mirror: string = PROVIDER_MIRROR): boolean {
  return existsSync(join(mirror, "registry.terraform.io", "hashicorp", "aws"));
}

/** What is missing for the apply proofs, or undefined when everything is there. */
export function missingForLocalAws(): string | undefined {
  if (!findMotoServer()) return "moto_server is not on PATH";
  if (!findTerraform()) return "terraform is not on PATH";
  if (!hasProviderMirror()) return `no hashicorp/aws in ${PROVIDER_MIRROR}`;
  return undefined;
}

/** Throws LOCAL_AWS_REQUIRED_ON_CI on CI when something is missing (for a proofs global setup). */
export function requireLocalAwsOnCi(): void {
  if (!onCi() || !missingForLocalAws()) return;
  const error = new Error(LOCAL_AWS_REQUIRED_ON_CI);
  error.stack = LOCAL_AWS_REQUIRED_ON_CI;
  throw error;
}
