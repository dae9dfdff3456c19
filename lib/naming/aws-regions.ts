import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { z } from "zod";
import { satisfies } from "./aws-rules";

/**
 * AWS's own list of partitions and their regions: the SDK's partitions.json, which @aws-sdk/core
 * ships as a module of one JSON literal. Its public API (`partition()` of `@aws-sdk/core/client`)
 * can neither list the regions nor say whether one exists, and loading it costs every synth about
 * 30 ms; reading the literal costs well under one. The version is pinned, and
 * test/naming/aws-regions.test.ts checks this reading against `partition()` for every region.
 */
const DATA_MODULE = "dist-es/submodules/client/util-endpoints/lib/aws/partitions.js";
const DATA_PREFIX = "export const partitionsInfo = ";

const partitionsSchema = z.object({
  partitions: z
    .array(
      z.object({
        id: z.string(),
        regionRegex: z.string(),
        regions: z.record(z.string(), z.object({ description: z.string().optional() })),
      }),
    )
    .min(1),
});

export interface AwsRegionData {
  /** `@aws-sdk/core <version>`: where the list came from, for messages. */
  readonly source: string;
  readonly partitions: z.infer<typeof partitionsSchema>["partitions"];
}

function readRegionData(): AwsRegionData {
  const manifest = require.resolve("@aws-sdk/core/package.json");
  const { version } = JSON.parse(readFileSync(manifest, "utf8")) as { version: string };
  const text = readFileSync(join(dirname(manifest), DATA_MODULE), "utf8").trim();
  // A bug of ours or an SDK that moved its data: say which, instead of refusing every region.
  if (!text.startsWith(DATA_PREFIX) || !text.endsWith(";"))
    throw new Error(`@aws-sdk/core ${version}: ${DATA_MODULE} no longer holds the partitions literal`);
  const data = partitionsSchema.parse(JSON.parse(text.slice(DATA_PREFIX.length, -1)));
  return { source: `@aws-sdk/core ${version}`, partitions: data.partitions };
}

/** Read once, synchronously, when the settings layer loads. */
export const AWS_REGION_DATA: AwsRegionData = readRegionData();

/** The partition AWS lists the region in, or undefined for a region AWS does not list. */
export function listedPartitionOf(region: string): string | undefined {
  return AWS_REGION_DATA.partitions.find((partition) => Object.hasOwn(partition.regions, region))?.id;
}

/**
 * The partition of a region as the SDK decides it: the one listing it, else the first whose region
 * pattern it matches, else `aws`.
 */
export function sdkPartitionOf(region: string): string {
  return (
    listedPartitionOf(region) ??
    AWS_REGION_DATA.partitions.find((partition) => new RegExp(partition.regionRegex).test(region))?.id ??
    "aws"
  );
}

/** Every region AWS lists in the given partitions (without pseudo-regions such as `aws-global`). */
export function listedRegions(partitionIds: readonly string[]): string[] {
  return AWS_REGION_DATA.partitions
    .filter((partition) => partitionIds.includes(partition.id))
    .flatMap((partition) => Object.keys(partition.regions))
    .filter((region) => satisfies("region", region));
}
