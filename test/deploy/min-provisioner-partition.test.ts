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

describe("min-provisioner: trusted principals in the role's partition", () => {
  test("the role refuses, at plan time, principals of another partition", () => {
    expect(partitionPrecondition().error_message).toContain(
      "must be in the partition this role is created in",
    );
  });
});
