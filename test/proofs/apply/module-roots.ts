import { join } from "node:path";
import { adminLogBucket, PROOF_ENVIRONMENT, PROOF_REGION } from "./accounts";
import type { RootSpec } from "./apply-proof";
import { rewriteModule } from "./lifecycle";

/**
 * The root modules of the apply proof for the two provider modules: state-backend in every
 * lock_mode x encryption (access logging off at apply, switched on by the update, so every run
 * covers both), and min-provisioner. HCL and JSON flavours alternate.
 */
const MODULES_OUT = join(__dirname, "..", "..", "..", "modules-out");

/** A root that passes each variable through to `module "under_test"` (null: the module's default). */
export function passThroughRoot(names: readonly string[]): string {
  const variables = names.map((name) => `variable "${name}" {\n  default = null\n}\n`).join("\n");
  const args = names.map((name) => `  ${name} = var.${name}`).join("\n");
  return `${variables}\nmodule "under_test" {\n  source = "./module"\n${args}\n}\n`;
}

/** Test copy only: lets terraform destroy what the shipped module protects. */
export const liftProtection = (rootDir: string): void =>
  rewriteModule(join(rootDir, "module"), [
    [/("?prevent_destroy"?\s*[=:]\s*)true/g, "$1false"],
    [/("?deletion_protection_enabled"?\s*[=:]\s*)true/g, "$1false"],
  ]);

export const LOCK_MODES = ["lockfile", "dynamodb", "both"] as const;
export const ENCRYPTIONS = ["kms", "sse-s3"] as const;

const stateBucket = (account: string) => `${PROOF_ENVIRONMENT}-state-${account}-${PROOF_REGION}`;
const logBucket = (account: string) => `${PROOF_ENVIRONMENT}-access-logs-${account}`;

export function stateBackendRoots(): RootSpec[] {
  const names = [
    "bucket_name",
    "environment_name",
    "lock_mode",
    "encryption",
    "tags",
    "access_log_bucket_name",
  ];
  return LOCK_MODES.flatMap((lockMode, i) =>
    ENCRYPTIONS.map((encryption, j): RootSpec => {
      const flavour = (i + j) % 2 === 0 ? "hcl" : "json";
      return {
        name: `state-backend ${flavour} ${lockMode}/${encryption}`,
        profile: "state_backend",
        moduleDir: join(MODULES_OUT, flavour, "state-backend"),
        mainTf: () => passThroughRoot(names),
        vars: (account) => ({
          bucket_name: stateBucket(account),
          environment_name: PROOF_ENVIRONMENT,
          lock_mode: lockMode,
          encryption,
          tags: { Owner: "apply-proof" },
          access_log_bucket_name: null,
        }),
        updateVars: (account) => ({
          bucket_name: stateBucket(account),
          environment_name: PROOF_ENVIRONMENT,
          lock_mode: lockMode,
          encryption,
          tags: { Owner: "apply-proof", Stage: "updated" },
          access_log_bucket_name: logBucket(account),
        }),
        liftProtection,
        setup: (moto, accessKey, account) => adminLogBucket(moto, accessKey, account, logBucket(account)),
      };
    }),
  );
}

/**
 * Emulator quirk: moto 5.2.1's UpdateRole sets the description to what the request carries, None
 * when it carries none (moto/iam/models.py, IAMBackend.update_role: `role.description =
 * role_description`); AWS leaves it. After the update changes max_session_duration, the plan wants
 * to put the description back.
 */
export const MOTO_UPDATE_ROLE_DROPS_DESCRIPTION = "module.under_test.aws_iam_role.this description";

export function minProvisionerRoot(flavour: "hcl" | "json" = "hcl"): RootSpec {
  const names = ["environment_name", "trusted_principal_arns", "deploy_profiles", "max_session_duration"];
  return {
    name: `min-provisioner ${flavour}`,
    profile: "min_provisioner",
    moduleDir: join(MODULES_OUT, flavour, "min-provisioner"),
    mainTf: () => passThroughRoot(names),
    allowedDrift: [MOTO_UPDATE_ROLE_DROPS_DESCRIPTION],
    vars: (account) => ({
      environment_name: PROOF_ENVIRONMENT,
      trusted_principal_arns: [`arn:aws:iam::${account}:root`],
      deploy_profiles: ["state_backend"],
      max_session_duration: 3600,
    }),
    updateVars: (account) => ({
      environment_name: PROOF_ENVIRONMENT,
      trusted_principal_arns: [`arn:aws:iam::${account}:root`],
      deploy_profiles: ["state_backend", "ecs_compute"],
      max_session_duration: 7200,
    }),
  };
}

export { stateBucket };
