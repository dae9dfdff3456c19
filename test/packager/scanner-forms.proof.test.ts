import { parse } from "@cdktf/hcl2json";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  removeRootModule,
  requireTerraform,
  terraformApply,
  tfDescribe,
  writeRootModule,
} from "../support/terraform";

const MODULES_OUT = join(__dirname, "..", "..", "modules-out");

/** state-backend's `local.sse_algorithm` as each flavour writes it (`${...}`). */
async function sseAlgorithmLocal(flavour: string): Promise<string> {
  if (flavour === "json") {
    const main = JSON.parse(readFileSync(join(MODULES_OUT, "json/state-backend/main.tf.json"), "utf8")) as {
      locals: Record<string, string>;
    };
    return main.locals.sse_algorithm;
  }
  const text = readFileSync(join(MODULES_OUT, "hcl/state-backend/main.tf"), "utf8");
  const main = (await parse("main.tf", text)) as { locals: Record<string, string>[] };
  return main.locals[0].sse_algorithm;
}

/**
 * Issue 23, CKV_AWS_145: checkov failed the JSON flavour of state-backend because it could not
 * evaluate `local.kms_enabled` = `(var.encryption == "kms")` behind `sse_algorithm` and read AES256.
 * checkov's evaluate_compare splits `(a == b)` at the operator into the texts `(a` and `b)`, which
 * never compare equal (read in checkov's source, not run: checkov is not installable here). The
 * local now compares with "sse-s3" directly and puts aws:kms in the else branch, so an unevaluated
 * or mis-split condition reads aws:kms, the default. Terraform must still give the same values.
 */
tfDescribe.each(["hcl", "json"])("state-backend sse_algorithm (%s)", (flavour) => {
  it("is one conditional on var.encryption whose else branch is aws:kms", async () => {
    expect(await sseAlgorithmLocal(flavour)).toBe('${(var.encryption == "sse-s3") ? "AES256" : "aws:kms"}');
  });

  it.each([
    ["kms", "aws:kms"],
    ["sse-s3", "AES256"],
  ])("evaluates with encryption = %j to %j in Terraform", async (encryption, algorithm) => {
    const expression = await sseAlgorithmLocal(flavour);
    const root = writeRootModule({
      "main.tf.json": JSON.stringify({
        variable: { encryption: { type: "string", default: encryption } },
        locals: { sse_algorithm: expression },
        output: { sse_algorithm: { value: "${local.sse_algorithm}" } },
      }),
    });
    try {
      const result = terraformApply(requireTerraform(), root);
      expect({ ok: result.ok, log: result.ok ? "" : result.log }).toEqual({ ok: true, log: "" });
      expect(result.outputs.sse_algorithm).toBe(algorithm);
    } finally {
      removeRootModule(root);
    }
  });
});
