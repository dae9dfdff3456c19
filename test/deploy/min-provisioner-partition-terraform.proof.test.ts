import {
  removeRootModule,
  requireTerraform,
  terraformApply,
  tfTest,
  writeRootModule,
} from "../support/terraform";
import { synthesizedMinProvisioner } from "./min-provisioner-fixture";

const { json } = synthesizedMinProvisioner();
const PARTITION = "data.aws_partition.current.partition";

/** The role's precondition on the partition of its trusted principals, as synthesized. */
function partitionPrecondition(): { condition: string; error_message: string } {
  const found = (
    json.resource.aws_iam_role.this.lifecycle.precondition as Array<{
      condition: string;
      error_message: string;
    }>
  ).find((entry) => entry.condition.includes(PARTITION));
  if (!found) throw new Error("the role has no precondition on the principals' partition");
  return found;
}

// Split from min-provisioner-partition.test.ts: the tests that run terraform (the in-process ones stay there).
describe("min-provisioner: trusted principals in the role's partition", () => {
  // The provider cannot be downloaded here: Terraform evaluates the same condition with the data
  // source's partition replaced by a variable.
  tfTest.each([
    ["aws", ["arn:aws:iam::123456789012:role/ci", "123456789012"], true],
    ["aws-cn", ["arn:aws-cn:iam::123456789012:role/ci"], true],
    ["aws", ["arn:aws-cn:iam::123456789012:role/ci"], false],
    ["aws-us-gov", ["arn:aws:iam::123456789012:root"], false],
  ] as const)("in %s, %j -> %s", (partition, principals, allowed) => {
    const condition = partitionPrecondition()
      .condition.replace(/^\$\{/, "")
      .replace(/\}$/, "")
      .replaceAll(PARTITION, "var.partition")
      .replaceAll("var.trusted_principal_arns", "var.principals");
    const root = writeRootModule({
      "main.tf": [
        'variable "partition" { type = string }',
        'variable "principals" { type = list(string) }',
        `output "allowed" { value = ${condition} }`,
      ].join("\n"),
      "terraform.tfvars.json": JSON.stringify({ partition, principals }),
    });
    try {
      const result = terraformApply(requireTerraform(), root);
      expect(result.log).not.toContain("Error");
      expect(result.outputs.allowed).toBe(allowed);
    } finally {
      removeRootModule(root);
    }
  });
});
