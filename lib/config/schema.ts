import { z } from "zod";
import { DEFAULT_AWS_PROVIDER_VERSION, TERRAFORM_VERSION_CONSTRAINT } from "./provider-constraint";
import { AWS_RULES, satisfies, type AwsRuleName } from "../naming/aws-rules";
import { derivedNameProblems, OVERRIDE_RULES, type NameInputs } from "./derived-names";
import { checkDeploySettings, deployProfileSchema, LOCK_MODES, STATE_ENCRYPTIONS } from "./deploy-settings";
import { REPOSITORY_URL } from "../naming/module-source";
import { checkKnownRegion } from "./known-region";
import { checkSharedStateNames } from "./shared-state-names";
import { checkDuplicateEnvironments, checkShadowingNames } from "./environment-scans";
import { checkTrustAndBoundary } from "./trust-and-boundary";

/** A region AWS lists, in a partition the modules support. */
const regionSchema = () => awsString("region").superRefine(checkKnownRegion);

/** An explicit bucket or table name: held to the rules its derived counterpart is checked against. */
function overrideSchema(key: keyof typeof OVERRIDE_RULES, rule: AwsRuleName, what: string) {
  return awsString(rule).superRefine((name, ctx) => {
    // A name of the wrong length or characters is reported by awsString's own rule.
    const problem = satisfies(rule, name) ? OVERRIDE_RULES[key](name) : undefined;
    if (problem) ctx.addIssue({ code: "custom", message: `must ${problem}; choose another ${what}` });
  });
}

/** A string that must satisfy one of AWS's rules; the message names the rule. */
function awsString(rule: AwsRuleName) {
  const spec = AWS_RULES[rule];
  return z
    .string()
    .max(spec.maxLength, { message: `must be ${spec.rule}` })
    .regex(new RegExp(spec.pattern), { message: `must be ${spec.rule}` });
}

/** Adds one issue per derived name that breaks an AWS rule, at the environment-name key. */
function checkDerivedNames(inputs: NameInputs, nameKey: string, ctx: z.RefinementCtx): void {
  // Only meaningful once the inputs themselves are valid; their own rules report them otherwise.
  const valid =
    satisfies("environmentName", inputs.environmentName) &&
    satisfies("accountId", inputs.accountId) &&
    satisfies("region", inputs.region);
  if (!valid) return;
  for (const message of derivedNameProblems(inputs))
    ctx.addIssue({ code: "custom", path: [nameKey], message });
}

export const environmentSchema = z
  .strictObject({
    /** Environment (name prefix), e.g. `tz`: every generated name starts with it. */
    name: awsString("environmentName"),
    accountId: awsString("accountId"),
    region: regionSchema(),
    /** Overrides of the derived names. */
    stateBucketName: overrideSchema("stateBucketName", "bucketName", "bucket name").optional(),
    lockTableName: overrideSchema("lockTableName", "lockTableName", "table name").optional(),
    /** Where this environment's deployable stacks keep their state. @default `<name>/v1/` */
    stateKeyPrefix: awsString("stateKeyPrefix").optional(),
    /** The state backend's lock mechanism (state-backend `lock_mode`). */
    lockMode: z.enum(LOCK_MODES, { message: `must be one of ${LOCK_MODES.join(", ")}` }).default("lockfile"),
    /** The state backend's encryption (state-backend `encryption`). */
    encryption: z
      .enum(STATE_ENCRYPTIONS, { message: `must be one of ${STATE_ENCRYPTIONS.join(", ")}` })
      .default("kms"),
    /** The bootstrap's `kms_key_arn` output, for the S3 backend of the other stacks. */
    stateKmsKeyArn: awsString("kmsKeyArn").optional(),
    /** Who may assume this environment's MinProvisioner; without it the environment gets no provisioner. */
    trustedPrincipalArns: z
      .array(awsString("principalArn"))
      .min(1, { message: "must list at least one principal ARN (or leave the key out: no provisioner)" })
      .optional(),
    /** Accounts other than this one whose principals trustedPrincipalArns may name (e.g. a CI account). */
    trustedAccountIds: z.array(awsString("accountId")).optional(),
    /** min-provisioner `deploy_profiles`. @default the module's default */
    deployProfiles: z
      .array(deployProfileSchema)
      .min(1, { message: "must list at least one profile" })
      .optional(),
    /** min-provisioner `permissions_boundary_arn`. */
    permissionsBoundaryArn: awsString("managedPolicyArn").optional(),
    /** Why a boundary that caps nothing (AWS managed AdministratorAccess, ...) is acceptable here. */
    permissionsBoundaryAcknowledged: z
      .string()
      .min(10, { message: "must explain in at least 10 characters why this boundary is enough" })
      .optional(),
  })
  .superRefine((env, ctx) => {
    checkDerivedNames({ ...env, environmentName: env.name }, "name", ctx);
    checkDeploySettings(env, ctx);
    checkTrustAndBoundary(env, ctx);
  });

export const acknowledgementSchema = z.strictObject({
  /** A rule id of the security pack, e.g. `S3.Versioning`. */
  // Its shape only: the rule pack itself refuses ids it does not have (settings do not import rules).
  rule: z.string().regex(/^[A-Z][A-Za-z0-9]*\.[A-Za-z0-9]+$/, {
    message: "must be a security rule id such as S3.Versioning (Service.Rule)",
  }),
  /** `<stack>/<address>` as the failing check printed it, e.g. `state-backend/aws_s3_bucket.this`. */
  resource: z.string().regex(/^[A-Za-z0-9_-]+\/[A-Za-z0-9_.[\]-]+$/, {
    message:
      "must be <stack>/<address> as the failing check printed it, e.g. state-backend/aws_s3_bucket.this",
  }),
  reason: z
    .string()
    .min(10, { message: "must explain in at least 10 characters why the finding is accepted" }),
});

/** Everything under `context` in cdktf.json. Unknown keys are errors (strict objects throughout). */
export const settingsSchema = z.strictObject({
  /** Git URL consumers use in `git::<repositoryUrl>//modules-out/hcl/<module>?ref=<tag>`. */
  repositoryUrl: z.string().regex(REPOSITORY_URL, {
    message:
      'must be a git URL Terraform understands (https://, ssh://, git@host:path, file:///; no " # ? //)',
  }),
  /** Values the README examples and modules-out/policies/ are rendered with; never deployed. */
  examples: z
    .strictObject({
      environmentName: awsString("environmentName"),
      accountId: awsString("accountId"),
      region: regionSchema(),
      stateKeyPrefix: awsString("stateKeyPrefix"),
      trustedPrincipalArns: z
        .array(awsString("principalArn"))
        .min(1, { message: "must list at least one principal ARN" }),
    })
    .superRefine((examples, ctx) => checkDerivedNames(examples, "environmentName", ctx)),
  /** Accounts and regions that get a bootstrap stack each (and a provisioner, with trustedPrincipalArns). */
  environments: z
    .array(environmentSchema)
    .default([])
    .superRefine((environments, ctx) => {
      checkShadowingNames(environments, ctx);
      checkDuplicateEnvironments(environments, ctx);
      checkSharedStateNames(environments, ctx);
    }),
  /**
   * A JSON file (relative to cdktf.json) holding the `environments` list instead: the cdktf CLI passes
   * `context` to the app in one environment variable, which thousands of environments overflow.
   */
  environmentsFile: z
    .string()
    .regex(/^(?!\/)(?!.*\.\.)[A-Za-z0-9._/-]+\.json$/, {
      message: "must be a relative path to a .json file inside the project, e.g. environments.json",
    })
    .optional(),
  /** Accepted security findings: each is printed on every run. */
  acknowledgements: z.array(acknowledgementSchema).default([]),
  /** The hashicorp/aws versions the deployable stacks accept (a Terraform version constraint). */
  awsProviderVersion: z
    .string()
    .regex(TERRAFORM_VERSION_CONSTRAINT, {
      message: `must be a Terraform version constraint such as "${DEFAULT_AWS_PROVIDER_VERSION}" or "~> 6.0"`,
    })
    .default(DEFAULT_AWS_PROVIDER_VERSION),
});

export type Settings = z.infer<typeof settingsSchema>;
export type EnvironmentSettings = z.infer<typeof environmentSchema>;

/** Where an environment's deployable stacks keep their state: its own prefix, never another's. */
export const environmentStateKeyPrefix = (env: EnvironmentSettings): string =>
  env.stateKeyPrefix ?? `${env.name}/v1/`;

/** The repositoryUrl cdktf.json ships with: an example, from which nothing can be fetched. */
export const SHIPPED_REPOSITORY_URL = "https://github.com/example-org/secure-tf-modules.git";
