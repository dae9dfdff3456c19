import { partition } from "@aws-sdk/core/client";
import { AWS_REGION_DATA, listedPartitionOf, listedRegions } from "../../lib/naming/aws-regions";
import { PARTITION_IDS, PARTITIONS, partitionOfRegion } from "../../lib/naming/partition";

// The witness is the SDK's public `partition()`, which reads the same data through its own code.
const sdk = (region: string) => partition(region) as { name: string; description?: string };
const everyListed = AWS_REGION_DATA.partitions.flatMap((p) => Object.keys(p.regions));

describe("AWS's region list, read from @aws-sdk/core", () => {
  it("holds every partition and region the SDK's partition() knows, in the same partition", () => {
    expect(AWS_REGION_DATA.partitions.map((p) => p.id)).toEqual(
      expect.arrayContaining(["aws", "aws-cn", "aws-us-gov", "aws-iso"]),
    );
    expect(everyListed.length).toBeGreaterThan(50);
    for (const region of everyListed)
      expect([region, listedPartitionOf(region)]).toEqual([region, sdk(region).name]);
  });

  it("lists no region the SDK only guesses from its pattern (us-east-9, xx-fake-1)", () => {
    for (const region of ["us-east-9", "xx-fake-1", "eu-west-9"]) {
      expect(sdk(region).description).toBeUndefined();
      expect(listedPartitionOf(region)).toBeUndefined();
    }
    expect(listedRegions(PARTITION_IDS)).toEqual(
      expect.arrayContaining(["eu-west-1", "cn-north-1", "us-gov-west-1"]),
    );
    expect(listedRegions(PARTITION_IDS)).not.toContain("aws-global");
  });

  it("gives each supported region the partition the generated modules' prefix rule computes", () => {
    // partitionOfRegionHcl (in every module) decides by prefix: cn- is aws-cn, us-gov- is aws-us-gov.
    const byPrefix = (region: string) =>
      region.startsWith(PARTITIONS["aws-cn"].regionPrefix)
        ? "aws-cn"
        : region.startsWith(PARTITIONS["aws-us-gov"].regionPrefix)
          ? "aws-us-gov"
          : "aws";
    for (const region of listedRegions(PARTITION_IDS)) {
      expect([region, partitionOfRegion(region)]).toEqual([region, sdk(region).name]);
      expect([region, byPrefix(region)]).toEqual([region, sdk(region).name]);
    }
  });

  it("refuses to name a partition for a region of one the modules do not support", () => {
    // The prefix rule called us-iso-east-1 "aws"; AWS puts it in aws-iso.
    expect(sdk("us-iso-east-1").name).toBe("aws-iso");
    expect(() => partitionOfRegion("us-iso-east-1")).toThrow(/partition aws-iso/);
  });
});
