/**
 * AWS's naming rules, written once. The zod settings schema, the Terraform `validation` blocks and
 * the worst-case policy sizes all read them from here.
 */
export const AWS_RULES = {
  bucketName: {
    /** 3-63 chars, lowercase letters, digits, dots and hyphens, begins and ends with a letter or digit. */
    pattern: "^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$",
    maxLength: 63,
    rule: "3-63 characters: lowercase letters, digits, '.' and '-', starting and ending with a letter or digit",
  },
  accountId: { pattern: "^[0-9]{12}$", maxLength: 12, rule: "exactly 12 digits" },
  region: {
    pattern: "^[a-z]{2}(-[a-z]+)+-[0-9]$",
    maxLength: 25,
    rule: "an AWS region name such as eu-west-1 or ap-southeast-2",
  },
  stateKeyPrefix: {
    /** No leading slash, no wildcard characters, ends with '/'. */
    pattern: "^[A-Za-z0-9!_.'()=+-][A-Za-z0-9!_.'()=+/-]*/$",
    maxLength: 200,
    rule: "a key prefix without a leading '/', without '*' or '?', ending with '/' (e.g. tz/v1/)",
  },
  environmentName: {
    pattern: "^[a-z][a-z0-9-]*[a-z0-9]$",
    maxLength: 16,
    rule: "2-16 characters: lowercase letters, digits and '-', starting with a letter and not ending with '-'",
  },
  lockTableName: {
    pattern: "^[A-Za-z0-9_.-]{3,255}$",
    maxLength: 255,
    rule: "3-255 characters: letters, digits, '_', '-' and '.'",
  },
  roleName: {
    pattern: "^[A-Za-z0-9+=,.@_-]{1,64}$",
    maxLength: 64,
    rule: "1-64 characters: letters, digits and +=,.@_-",
  },
  policyName: {
    pattern: "^[A-Za-z0-9+=,.@_-]{1,128}$",
    maxLength: 128,
    rule: "1-128 characters: letters, digits and +=,.@_-",
  },
  principalArn: {
    pattern:
      "^arn:aws(-cn|-us-gov)?:(iam::[0-9]{12}:(root|user/[A-Za-z0-9+=,.@_/-]+|role/[A-Za-z0-9+=,.@_/-]+)|sts::[0-9]{12}:assumed-role/[A-Za-z0-9+=,.@_-]+/[A-Za-z0-9+=,.@_-]+)$",
    maxLength: 2048,
    rule: "an IAM principal ARN without wildcards: arn:<partition>:iam::<12 digits>:root, :user/<name> or :role/<name> (partition aws, aws-cn or aws-us-gov)",
  },
  kmsKeyArn: {
    pattern:
      "^arn:aws(-cn|-us-gov)?:kms:[a-z]{2}(-[a-z]+)+-[0-9]:[0-9]{12}:key/(mrk-[0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12})$",
    maxLength: 2048,
    rule: "a KMS key ARN: arn:<partition>:kms:<region>:<12 digits>:key/<key id>, the key id a version 1-5 UUID or mrk- + 32 hex digits as Terraform's S3 backend requires (the bootstrap's kms_key_arn output)",
  },
  managedPolicyArn: {
    pattern: "^arn:aws(-cn|-us-gov)?:iam::([0-9]{12}|aws):policy/[A-Za-z0-9+=,.@_/-]+$",
    maxLength: 2048,
    rule: "a managed policy ARN: arn:<partition>:iam::<12 digits>:policy/<name> or arn:<partition>:iam::aws:policy/<name>",
  },
} as const;

export type AwsRuleName = keyof typeof AWS_RULES;

/** Does the value satisfy the named rule? (Length is part of each rule.) */
export function satisfies(rule: AwsRuleName, value: string): boolean {
  const spec = AWS_RULES[rule];
  return value.length <= spec.maxLength && new RegExp(spec.pattern).test(value);
}
