import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { partResourceName, profilePolicies } from "../../lib/constructs/min-provisioner-role";
import {
  removeRootModule,
  requireTerraform,
  terraformApply,
  tfTest,
  writeRootModule,
  type ApplyResult,
} from "../support/terraform";
import { synthesizedMinProvisioner, unwrap } from "./min-provisioner-fixture";

/**
 * Terraform evaluates the module's own expressions offline: the synthesized variables (with their
 * validations), the trust-policy local and each part's count, in a provider-free root module (the
 * role and policies themselves need the aws provider, which cannot be downloaded here). The counts
 * are the module's own text, gathered by part key.
 */
const { json } = synthesizedMinProvisioner();
const entries = profilePolicies();
const PRINCIPAL = "arn:aws:iam::111122223333:role/ci-deployer";

function rootModule(): Record<string, unknown> {
  const counts = entries.map(
    (e) => `"${e.key}" = ${unwrap(String(json.resource.aws_iam_policy[partResourceName(e.key)]?.count))}`,
  );
  return {
    variable: json.variable,
    locals: { trust_policy: json.locals.trust_policy },
    output: {
      trust: { value: "${jsondecode(local.trust_policy)}" },
      trust_size: { value: "${length(local.trust_policy)}" },
      selected: { value: `\${sort([for key, count in {${counts.join(", ")}} : key if count == 1])}` },
    },
  };
}

function applyWith(values: Record<string, unknown>): ApplyResult {
  const dir = writeRootModule({});
  try {
    writeFileSync(join(dir, "main.tf.json"), JSON.stringify(rootModule(), null, 2));
    writeFileSync(join(dir, "terraform.tfvars.json"), JSON.stringify(values));
    return terraformApply(requireTerraform(), dir);
  } finally {
    removeRootModule(dir);
  }
}

const base = { environment_name: "tz", trusted_principal_arns: [PRINCIPAL] };
const flat = (text: string) => text.replace(/\s+/g, " ");

describe("terraform evaluates the min-provisioner trust policy and profile filter", () => {
  // What a reader expects IAM to see, written out by hand: one statement, its condition as configured.
  const assumeRole = { Effect: "Allow", Principal: { AWS: [PRINCIPAL] }, Action: ["sts:AssumeRole"] };
  const externalId = { StringEquals: { "sts:ExternalId": "ext-1234" } };
  const mfa = { Bool: { "aws:MultiFactorAuthPresent": "true" } };
  // prettier-ignore
  const CONFIGS: ReadonlyArray<[string, Record<string, unknown>, Record<string, unknown>]> = [
    ["no external id, no MFA", { external_id: null, require_mfa: false },
      { Sid: "TrustedPrincipalsAssumeRole", ...assumeRole }],
    ["an external id", { external_id: "ext-1234", require_mfa: false },
      { Sid: "TrustedPrincipalsAssumeRoleWithExternalId", ...assumeRole, Condition: externalId }],
    ["MFA", { external_id: null, require_mfa: true },
      { Sid: "TrustedPrincipalsAssumeRoleWithMfa", ...assumeRole, Condition: mfa }],
    ["an external id and MFA", { external_id: "ext-1234", require_mfa: true },
      { Sid: "TrustedPrincipalsAssumeRoleWithExternalIdAndMfa", ...assumeRole, Condition: { ...externalId, ...mfa } }],
  ];
  tfTest.each(CONFIGS)(
    "with %s the trust policy is exactly one AssumeRole statement",
    (_name, config, statement) => {
      const result = applyWith({ ...base, ...config });
      expect(result.log).toBe(result.ok ? result.log : "");
      expect(result.outputs.trust).toEqual({ Version: "2012-10-17", Statement: [statement] });
    },
  );

  tfTest(
    "deploy_profiles selects exactly the chosen profiles' policies; the default leaves out min_provisioner",
    () => {
      const chosen = applyWith({
        ...base,
        deploy_profiles: ["ecs_compute", "min_provisioner"],
        permissions_boundary_arn: "arn:aws:iam::111122223333:policy/provisioner-boundary",
      });
      expect(chosen.outputs.selected).toEqual(
        entries
          .filter((e) => e.profile === "ecs_compute" || e.profile === "min_provisioner")
          .map((e) => e.key)
          .sort(),
      );
      const byDefault = applyWith(base);
      expect(byDefault.outputs.selected).toEqual(
        entries
          .filter((e) => e.profile !== "min_provisioner")
          .map((e) => e.key)
          .sort(),
      );
    },
  );

  // prettier-ignore
  const REFUSED: ReadonlyArray<[string, Record<string, unknown>, string]> = [
    ["an empty principal list", { trusted_principal_arns: [] }, "The trusted_principal_arns must name at least one principal."],
    ["a wildcard principal", { trusted_principal_arns: ["arn:aws:iam::111122223333:role/*"] }, "Each of trusted_principal_arns must be the ARN of an account root"],
    ["a bare \"*\"", { trusted_principal_arns: ["*"] }, "Each of trusted_principal_arns must be the ARN of an account root"],
    ["an unknown profile", { deploy_profiles: ["state_backend", "admin"] }, "The deploy_profiles must list at least one of state_backend, aurora_cluster, ecs_compute, min_provisioner, each once."],
    ["a session under an hour", { max_session_duration: 1800 }, "The max_session_duration must be a whole number of seconds from 3600"],
    ["a session over 12 hours", { max_session_duration: 43201 }, "The max_session_duration must be a whole number of seconds from 3600"],
    ["a one-character external id", { external_id: "x" }, "The external_id must be 2-1,224 characters"],
    ["a role name that would make the role name too long", { role_name: "r".repeat(48) }, "The role_name must be 1-47 characters"],
    ["min_provisioner without a permissions boundary", { deploy_profiles: ["min_provisioner"] }, "The deploy_profiles may include min_provisioner only when permissions_boundary_arn is set"],
    ["a boundary that is not a policy ARN", { permissions_boundary_arn: "arn:aws:iam::111122223333:role/x" }, "The permissions_boundary_arn must be a managed policy ARN"],
  ];
  tfTest.each(REFUSED)("refuses %s with the validation message", (_why, values, message) => {
    const result = applyWith({ ...base, ...values });
    expect(result.ok).toBe(false);
    expect(flat(result.log)).toContain(message);
  });

  tfTest("accepts account roots, users, paths and assumed-role sessions", () => {
    const principals = [
      "arn:aws:iam::111122223333:root",
      "arn:aws:iam::111122223333:user/ops/alice",
      "arn:aws:sts::111122223333:assumed-role/ci/session-1",
    ];
    const result = applyWith({ ...base, trusted_principal_arns: principals });
    expect(result.log).toBe(result.ok ? result.log : "");
    expect(result.outputs.trust).toMatchObject({ Statement: [{ Principal: { AWS: principals } }] });
  });
});
