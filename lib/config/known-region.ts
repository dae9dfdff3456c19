import { distance } from "fastest-levenshtein";
import { z } from "zod";
import { satisfies } from "../naming/aws-rules";
import { AWS_REGION_DATA, listedPartitionOf, listedRegions } from "../naming/aws-regions";
import { isSupportedPartition, PARTITION_IDS } from "../naming/partition";

/** The listed region a misspelt one most likely meant (closest by edit distance), if any is close. */
function closestRegion(region: string): string | undefined {
  const candidates = listedRegions(PARTITION_IDS)
    .map((listed) => ({ listed, distance: distance(region, listed) }))
    .filter((candidate) => candidate.distance <= 2)
    .sort((a, b) => a.distance - b.distance || a.listed.localeCompare(b.listed));
  return candidates[0]?.listed;
}

/**
 * A region must be one AWS lists (not only shaped like one) and lie in a partition the modules
 * support. A region with the wrong shape is reported by its own rule.
 */
export function checkKnownRegion(region: string, ctx: z.RefinementCtx): void {
  if (!satisfies("region", region)) return;
  const partition = listedPartitionOf(region);
  const supported = PARTITION_IDS.join(", ");
  let message: string | undefined;
  if (partition === undefined) {
    const guess = closestRegion(region);
    message =
      `must be a region AWS lists in partitions ${supported} (${AWS_REGION_DATA.source} lists ${listedRegions(PARTITION_IDS).length}); ` +
      (guess ? `did you mean "${guess}"? ` : "") +
      "fix the spelling, or update @aws-sdk/core if AWS opened this region since";
  } else if (!isSupportedPartition(partition)) {
    message = `is a region of partition ${partition}, which these modules do not support (${supported}); choose a region of those partitions`;
  }
  if (message) ctx.addIssue({ code: "custom", message });
}
