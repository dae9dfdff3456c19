import { existsSync } from "node:fs";
import { join } from "node:path";
import { readJsonFile } from "./read-json-file";
import { satisfies } from "../naming/aws-rules";

/** Where a bootstrap stack keeps its own state: in the project, until it is moved into its bucket. */
export const bootstrapStateFile = (projectRoot: string, bootstrapStack: string): string =>
  join(projectRoot, `terraform.${bootstrapStack}.tfstate`);

/**
 * The `kms_key_arn` output of a deployed bootstrap, read from its local state file; undefined when
 * it was not deployed (no file, or no such output yet). This is what lets `cdktf deploy
 * provisioner-<env>` follow `cdktf deploy bootstrap-<env>` with no command and no edit between them.
 */
export function bootstrapStateKeyArn(projectRoot: string, bootstrapStack: string): string | undefined {
  const file = bootstrapStateFile(projectRoot, bootstrapStack);
  if (!existsSync(file)) return undefined;
  const state = readJsonFile(file, projectRoot) as { outputs?: Record<string, { value?: unknown }> };
  const value = state.outputs?.kms_key_arn?.value;
  return typeof value === "string" && satisfies("kmsKeyArn", value) ? value : undefined;
}
