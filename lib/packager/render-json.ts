import type { CleanModule } from "./clean-module";
import { movedBlocksJson } from "./moved-blocks";

/** The module as Terraform JSON syntax, one file per concern like the HCL copy. */
export interface JsonModuleFiles {
  /** Absent when the module has nothing but variables and outputs. */
  readonly "main.tf.json"?: string;
  readonly "variables.tf.json": string;
  readonly "outputs.tf.json": string;
  readonly "versions.tf.json": string;
}

export function renderJsonModule(module: CleanModule): JsonModuleFiles {
  const wrap = (key: string, value: Readonly<Record<string, unknown>>): object =>
    Object.keys(value).length ? { [key]: value } : {};
  return {
    ...(Object.keys(module.main).length || module.moved.length
      ? { "main.tf.json": prettyJson(mainWithMoved(module)) }
      : {}),
    "variables.tf.json": prettyJson(wrap("variable", module.variables)),
    "outputs.tf.json": prettyJson(wrap("output", module.outputs)),
    "versions.tf.json": prettyJson({ terraform: module.terraform }),
  };
}

/** 2-space JSON with a trailing newline. Key order is the synthesized order, which is deterministic. */
export function prettyJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** Terraform's order in main: locals, data, resource, moved, import (as the HCL copy has them). */
function mainWithMoved(module: CleanModule): Readonly<Record<string, unknown>> {
  if (module.moved.length === 0) return module.main;
  const { import: importBlocks, ...rest } = module.main as Record<string, unknown>;
  return {
    ...rest,
    moved: movedBlocksJson(module.moved),
    ...(importBlocks === undefined ? {} : { import: importBlocks }),
  };
}
