import { z } from "zod";
import { AWS_RULES, type AwsRuleName } from "../naming/aws-rules";

/** A string that must satisfy one of AWS's rules; the message names the rule. */
function awsString(rule: AwsRuleName) {
  const spec = AWS_RULES[rule];
  return z
    .string()
    .max(spec.maxLength, { message: `must be ${spec.rule}` })
    .regex(new RegExp(spec.pattern), { message: `must be ${spec.rule}` });
}

export const environmentSchema = z.strictObject({
  /** Environment (name prefix), e.g. `tz`: every generated name starts with it. */
  name: awsString("environmentName"),
  accountId: awsString("accountId"),
  region: awsString("region"),
  /** Overrides of the derived names. */
  stateBucketName: awsString("bucketName").optional(),
  lockTableName: awsString("lockTableName").optional(),
  stateKeyPrefix: awsString("stateKeyPrefix").optional(),
});

export const acknowledgementSchema = z.strictObject({
  rule: z.string().min(1),
  resource: z.string().min(1),
  reason: z
    .string()
    .min(10, { message: "must explain in at least 10 characters why the finding is accepted" }),
});

/** Everything under `context` in cdktf.json. Unknown keys are errors (strict objects throughout). */
export const settingsSchema = z.strictObject({
  /** Git URL consumers use in `git::<repositoryUrl>//modules-out/hcl/<module>?ref=<tag>`. */
  repositoryUrl: z.string().regex(/^(https:\/\/|ssh:\/\/|git@|file:\/\/)\S+$/, {
    message: "must be a git URL (https://, ssh://, git@ or file://)",
  }),
  /** Values the README examples and modules-out/policies/ are rendered with. */
  examples: z.strictObject({
    environmentName: awsString("environmentName"),
    accountId: awsString("accountId"),
    region: awsString("region"),
    stateKeyPrefix: awsString("stateKeyPrefix"),
    trustedPrincipalArns: z
      .array(awsString("principalArn"))
      .min(1, { message: "must list at least one principal ARN" }),
  }),
  /** Accounts and regions that get a bootstrap stack each. */
  environments: z.array(environmentSchema).default([]),
  /** Where deployable stacks keep their state. */
  stateKeyPrefix: awsString("stateKeyPrefix").default("tz/v1/"),
  /** Accepted security findings: each is printed on every run. */
  acknowledgements: z.array(acknowledgementSchema).default([]),
});

export type Settings = z.infer<typeof settingsSchema>;
export type EnvironmentSettings = z.infer<typeof environmentSchema>;
