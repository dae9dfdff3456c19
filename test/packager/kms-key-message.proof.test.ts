import { join } from "node:path";
import { applyRootModule, tfTest } from "../support/terraform";

const MODULES = join(__dirname, "..", "..", "modules-out");
/** The example the message shows, copied by hand from it (not imported: the test checks the message). */
const EXAMPLE = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-44cd-a6ef-1234567890ab";

/** Applies state-access-policy (provider-free) from modules-out/<flavour> with this kms_key_arn. */
function applyWithKey(flavour: string, kmsKeyArn: string) {
  return applyRootModule({
    "main.tf": [
      'module "state" {',
      `  source           = ${JSON.stringify(join(MODULES, flavour, "state-access-policy"))}`,
      '  bucket_name      = "tz-state-123456789012-eu-west-1"',
      '  state_key_prefix = "tz/v1/"',
      `  kms_key_arn      = ${JSON.stringify(kmsKeyArn)}`,
      "}",
      'output "policy" { value = module.state.runtime_policy_json }',
    ].join("\n"),
  });
}

/**
 * Issue 23: `key/11111111-2222-3333-4444-555555555555` was refused with "must be null or a KMS key
 * ARN such as ...", without the rule. Terraform evaluates the generated validation: the message
 * states the rule, and the example it shows passes.
 */
describe.each(["hcl", "json"])("kms_key_arn validation message (%s)", (flavour) => {
  tfTest("refuses a key id that is no version 1-5 UUID and says the rule and a passing example", () => {
    const result = applyWithKey(
      flavour,
      "arn:aws:kms:eu-west-1:123456789012:key/11111111-2222-3333-4444-555555555555",
    );
    expect(result.ok).toBe(false);
    const message = result.log.replace(/\s*│\s*/g, " ").replace(/\s+/g, " ");
    expect(message).toContain("a lowercase UUID of version 1-5 with variant 8, 9, a or b");
    expect(message).toContain("mrk- + 32 lowercase hex digits");
    expect(message).toContain(`for example ${EXAMPLE}`);
  });

  tfTest("accepts the example the message shows", () => {
    const result = applyWithKey(flavour, EXAMPLE);
    expect(result.log).not.toContain("Invalid value for variable");
    expect(result.ok).toBe(true);
    expect(JSON.stringify(result.outputs.policy)).toContain("1234abcd-12ab-44cd-a6ef-1234567890ab");
  });
});
