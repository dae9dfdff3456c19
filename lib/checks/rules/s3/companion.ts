import { blocksOf, type StackView, type TerraformResource } from "../../stack-view";

/** Bucket settings live in companion resources; this finds them (and their nested blocks) for a bucket. */
export function companionBlocks(
  bucket: TerraformResource,
  stack: StackView,
  type: string,
  block: string,
): { companions: TerraformResource[]; blocks: Record<string, unknown>[] } {
  const companions = stack.companionsOf(bucket, type);
  return { companions, blocks: companions.flatMap((companion) => blocksOf(companion.config[block])) };
}
