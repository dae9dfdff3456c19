import type { Settings } from "../config/schema";
import type { ModuleStack } from "../stacks/module-stack";

export interface WriteModulesOutOptions {
  readonly moduleStacks: readonly ModuleStack[];
  readonly settings: Settings;
  /** Usually <project>/modules-out; `npm run diff` passes a temporary folder. */
  readonly outDir: string;
}

/** Packages every module stack into outDir. (Placeholder: the packager issue fills it in.) */
export async function writeModulesOut(_options: WriteModulesOutOptions): Promise<void> {}
