import type { ModuleExamples } from "../../lib/app/module-examples";
import { modulePermissions } from "../../lib/diff/module-permissions";
import { diffPermissions } from "../../lib/diff/permission-diff";
import { tfTest } from "../support/terraform";

const EXAMPLES: ModuleExamples = {
  probes: [{ name: "required inputs", inputs: { name: "tz" } }],
  dataSources: { aws_caller_identity: { account_id: "123456789012" } },
};

const statement = (action: string) =>
  `{"Effect" = "Allow", "Action" = ["${action}"], "Resource" = ["arn:aws:s3:::\${var.name}-\${data.aws_caller_identity.current.account_id}"]}`;
const policy = (...actions: string[]) =>
  `jsonencode({"Version" = "2012-10-17", "Statement" = [${actions.map(statement).join(", ")}]})`;

/** A provider module in Terraform JSON: split documents as an output list and as for_each policies. */
function moduleTree(documents: readonly string[][]): Map<string, string> {
  const list = `\${[${documents.map((actions) => policy(...actions)).join(", ")}]}`;
  const byKey = `\${{${documents.map((actions, i) => `"p${i}" = ${policy(...actions)}`).join(", ")}}}`;
  const main = {
    variable: { name: { type: "string" } },
    data: { aws_caller_identity: { current: {} } },
    locals: { documents: byKey },
    resource: {
      aws_iam_policy: {
        this: { for_each: "${local.documents}", name: "${each.key}", policy: "${each.value}" },
      },
    },
    output: {
      split_policies: { value: list },
      policy_arns: { value: "${{for key, p in aws_iam_policy.this : key => p.arn}}" },
    },
  };
  return new Map([["json/m/main.tf.json", JSON.stringify(main)]]);
}

// Split from module-permissions.test.ts: the tests that run terraform (the in-process ones stay there).
describe("a module's permissions, read from the module by terraform", () => {
  tfTest(
    "a statement moving between split documents is no change; a new action is one added row",
    async () => {
      const before = moduleTree([["s3:GetObject", "s3:PutObject"], ["s3:ListBucket"]]);
      const moved = moduleTree([["s3:GetObject"], ["s3:PutObject", "s3:ListBucket"]]);
      const added = moduleTree([["s3:GetObject"], ["s3:PutObject", "s3:ListBucket", "s3:GetBucketTagging"]]);
      const [a, b, c] = await modulePermissions([before, moved, added], ["m"], EXAMPLES);
      const families = a.get("m")?.get("json, required inputs");
      expect(families?.ok && [...families.families.keys()].sort()).toEqual([
        "aws_iam_policy.this.policy",
        "output.split_policies",
      ]);
      expect(diffPermissions(a, b, ["m"])).toEqual({ changes: [], problems: [] });
      const row = {
        effect: "Allow",
        action: "s3:GetBucketTagging",
        resource: "arn:aws:s3:::tz-123456789012",
        condition: "",
      };
      expect(diffPermissions(a, c, ["m"]).changes).toEqual([
        { module: "m", address: "aws_iam_policy.this.policy", attached: false, added: [row], removed: [] },
        { module: "m", address: "output.split_policies", attached: true, added: [row], removed: [] },
      ]);
    },
  );

  tfTest("a module terraform cannot evaluate is a problem, never an empty diff", async () => {
    const broken = new Map([
      ["json/m/main.tf.json", JSON.stringify({ output: { x: { value: "${local.missing}" } } })],
    ]);
    const [a, b] = await modulePermissions([moduleTree([["s3:GetObject"]]), broken], ["m"], EXAMPLES);
    const diff = diffPermissions(a, b, ["m"]);
    expect(diff.changes).toEqual([]);
    expect(diff.problems).toEqual([
      expect.stringMatching(/^m \(json, required inputs\): Error: Reference to undeclared local value/),
    ]);
  });
});
