import { UserError } from "../errors";
import {
  parseResourceAddress,
  renderResourceAddress,
  RESOURCE_ADDRESS_RULE,
  type AddressStep,
} from "../hcl/resource-address";

/** A moved block as the packager holds it: both addresses parsed into steps, never kept as text. */
export interface MovedSteps {
  readonly from: readonly AddressStep[];
  readonly to: readonly AddressStep[];
}

/**
 * Parses every `{ from, to }` a module is given (from the manifest or its synthesized JSON). The
 * manifest is validated when it is read; this second check keeps any other caller from reaching
 * main.tf with text that is not an address.
 */
export function parseMovedBlocks(moduleName: string, blocks: readonly unknown[]): MovedSteps[] {
  return blocks.map((block, index) => {
    const { from, to } = (block ?? {}) as { from?: unknown; to?: unknown };
    return { from: steps(moduleName, index, "from", from), to: steps(moduleName, index, "to", to) };
  });
}

function steps(moduleName: string, index: number, key: string, value: unknown): readonly AddressStep[] {
  const parsed = typeof value === "string" ? parseResourceAddress(value) : undefined;
  if (parsed) return parsed;
  throw new UserError(
    `Module ${moduleName}: moved[${index}].${key} = ${JSON.stringify(value)} is not ${RESOURCE_ADDRESS_RULE}; fix the entry in module-versions.json.`,
  );
}

/** HCL: one block, two traversals rebuilt from their steps. */
export function movedBlockHcl(block: MovedSteps): string {
  return `moved {\nfrom = ${renderResourceAddress(block.from)}\nto = ${renderResourceAddress(block.to)}\n}`;
}

/** JSON syntax: the same traversals as strings, which Terraform parses as expressions. */
export function movedBlocksJson(blocks: readonly MovedSteps[]): { from: string; to: string }[] {
  return blocks.map((block) => ({
    from: renderResourceAddress(block.from),
    to: renderResourceAddress(block.to),
  }));
}
