import type { CleanModule } from "./clean-module";
import { movedBlocksJson } from "./moved-blocks";

/** The module as Terraform JSON syntax, one file per concern like the HCL copy. */
export interface JsonModuleFiles {
  /** Absent when the module has nothing but variables and outputs. */
  readonly "main.tf.json"?: string;
  readonly "variables.tf.json": string;
  readonly "outputs.tf.json": string;
  readonly "versions.tf.json": string;
  /**
   * The moved blocks, when there are any. Their own file, unlike HCL's main.tf: checkov's
   * terraform_json parser stops on a list of blocks, and a file of their own can be skipped.
   */
  readonly "moved.tf.json"?: string;
}

export function renderJsonModule(module: CleanModule): JsonModuleFiles {
  const wrap = (key: string, value: Readonly<Record<string, unknown>>): object =>
    Object.keys(value).length ? { [key]: value } : {};
  return {
    ...(Object.keys(module.main).length ? { "main.tf.json": prettyJson(module.main) } : {}),
    "variables.tf.json": prettyJson(wrap("variable", module.variables)),
    "outputs.tf.json": prettyJson(wrap("output", module.outputs)),
    "versions.tf.json": prettyJson({ terraform: module.terraform }),
    ...(module.moved.length ? { "moved.tf.json": prettyJson({ moved: movedBlocksJson(module.moved) }) } : {}),
  };
}

/** 2-space JSON with a trailing newline. Key order is the synthesized order, which is deterministic. */
export function prettyJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
