import { TerraformLocal, type TerraformVariableValidationConfig } from "cdktf";
import { Construct } from "constructs";
import { raw } from "../hcl/text";
import { DEFAULT_PARTITION, dnsSuffixHcl, PARTITION_IDS, partitionOfRegionHcl } from "../naming/partition";
import type { ModuleStack } from "./module-stack";

/** The partition list as an error message says it. */
export const PARTITION_LIST = PARTITION_IDS.map((id) => `"${id}"`).join(", ");

/** What a region's prefix says about its partition, as an error message says it. */
export const REGION_PARTITION_RULE =
  'cn-* regions are in "aws-cn", us-gov-* regions in "aws-us-gov", every other region in "aws"';

/** The validation that a region variable's prefix fits `var.partition`. */
export function regionMatchesPartition(regionVariable: string): TerraformVariableValidationConfig {
  return {
    condition: raw(`(${partitionOfRegionHcl(`var.${regionVariable}`)}) == var.partition`),
    errorMessage: `The partition must be the one of ${regionVariable}: ${REGION_PARTITION_RULE}.`,
  };
}

/**
 * The `partition` input of a provider-free module and the `dns_suffix` local derived from it
 * (modules with the provider read `data "aws_partition"` instead). With `regionVariable`, the
 * partition is also checked against that region's prefix.
 * @returns the HCL expressions the policies' `{partition}` and `{dns_suffix}` are bound to.
 */
export function addPartitionInput(
  stack: ModuleStack,
  options: { readonly regionVariable?: string } = {},
): { readonly partition: string; readonly dnsSuffix: string } {
  stack.addVariable("partition", {
    type: "string",
    default: DEFAULT_PARTITION,
    nullable: false,
    description: `AWS partition every ARN is in: ${PARTITION_LIST.replace(/, ([^,]*)$/, " or $1")}.`,
    validation: [
      {
        condition: raw(`contains([${PARTITION_IDS.map((id) => `"${id}"`).join(", ")}], var.partition)`),
        errorMessage: `The partition must be one of ${PARTITION_LIST}.`,
      },
      ...(options.regionVariable ? [regionMatchesPartition(options.regionVariable)] : []),
    ],
  });
  // A child scope: the local shares no construct id with anything the module declares.
  const scope = new Construct(stack, "partition_locals");
  const local = new TerraformLocal(scope, "dns_suffix", raw(dnsSuffixHcl("var.partition")));
  return { partition: "var.partition", dnsSuffix: `local.${local.node.id}` };
}
