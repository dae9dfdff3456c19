import type { TerraformStack } from "cdktf";
import type { PolicyDocument } from "../policy/model";
import { registeredPolicies } from "../policy/registry";

/** What the runner needs from one stack: its name, its Terraform JSON and its registered policies. */
export interface CheckedStack {
  readonly name: string;
  readonly terraform: object;
  readonly policies?: ReadonlyMap<string, readonly PolicyDocument[]>;
}

export function checkedStackOf(stack: TerraformStack): CheckedStack {
  return { name: stack.node.id, terraform: stack.toTerraform(), policies: registeredPolicies(stack) };
}
