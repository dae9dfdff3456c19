import { EMPTY_VERSIONS, movedBlocksFor, type ModuleVersions } from "../config/module-versions";
import type { ModuleInput } from "../packager/write-modules-out";
import type { ModuleStack } from "../stacks/module-stack";

/** Before a module's first release its README pins this version. */
export const DEFAULT_MODULE_VERSION = "1.0.0";

/**
 * A module stack as the packager's plain input: its Terraform, docs and release record. `terraform`
 * is the stack's JSON when the caller already has it (the very JSON the rule pack judged).
 */
export function moduleInputOf(
  stack: ModuleStack,
  versions: ModuleVersions = EMPTY_VERSIONS,
  terraform: object = stack.toTerraform(),
): ModuleInput {
  return {
    moduleName: stack.moduleName,
    terraform,
    hcl: stack.toHclTerraform().hcl,
    usesAwsProvider: stack.usesAwsProvider,
    docs: stack.docs,
    version: versions.modules[stack.moduleName]?.version ?? DEFAULT_MODULE_VERSION,
    moved: movedBlocksFor(versions, stack.moduleName),
    tests: stack.tests,
  };
}
