import type { z } from "zod";
import { AWS_RULES } from "../naming/aws-rules";
import { DEPLOY_PROFILE_IDS } from "../naming/deploy-profiles";
import { LOCK_MODES, STATE_ENCRYPTIONS } from "./deploy-settings";

/**
 * The project's words for settings problems, in one place: every zod issue code the schema can
 * produce (and the ones it cannot) is worded here, and every problem line ends with an example of a
 * valid value. The schema's own messages ("must be ...") win over these; the library's defaults
 * ("Invalid input: expected string, received undefined") never reach the user.
 */

/** A valid value of a key and what it is, in words. Keys are the last name in the path. */
interface KeyExample {
  readonly example: unknown;
  /** What a valid value is: "a string of exactly 12 digits". */
  readonly valid: string;
}

const PRINCIPAL_EXAMPLE = "arn:aws:iam::123456789012:role/platform-ci";
const ENVIRONMENT_EXAMPLE = { name: "tz", accountId: "123456789012", region: "eu-west-1" };
const awsRule = (rule: keyof typeof AWS_RULES) => `a string, ${AWS_RULES[rule].rule}`;

const KEY_EXAMPLES: Readonly<Record<string, KeyExample>> = {
  repositoryUrl: {
    example: "https://github.com/your-org/secure-tf-modules.git",
    valid: "a git URL Terraform understands (https://, ssh://, git@host:path or file:///)",
  },
  examples: {
    example: {
      environmentName: "tz",
      accountId: "123456789012",
      region: "eu-west-1",
      stateKeyPrefix: "tz/v1/",
      trustedPrincipalArns: [PRINCIPAL_EXAMPLE],
    },
    valid:
      "an object of example values (environmentName, accountId, region, stateKeyPrefix, trustedPrincipalArns)",
  },
  environments: {
    example: [ENVIRONMENT_EXAMPLE],
    valid: "a list of environments, each { name, accountId, region }",
  },
  environmentsFile: { example: "environments.json", valid: "a relative path to a .json file in the project" },
  acknowledgements: {
    example: [
      { rule: "S3.Versioning", resource: "state-backend/aws_s3_bucket.this", reason: "why it is accepted" },
    ],
    valid: "a list of { rule, resource, reason }",
  },
  name: { example: "tz", valid: awsRule("environmentName") },
  environmentName: { example: "tz", valid: awsRule("environmentName") },
  accountId: { example: "123456789012", valid: "a string of exactly 12 digits, in quotes" },
  region: { example: "eu-west-1", valid: awsRule("region") },
  stateKeyPrefix: { example: "tz/v1/", valid: awsRule("stateKeyPrefix") },
  stateBucketName: { example: "tz-state-123456789012-eu-west-1", valid: awsRule("bucketName") },
  lockTableName: { example: "tz-state-locks", valid: awsRule("lockTableName") },
  lockMode: { example: "lockfile", valid: `one of ${LOCK_MODES.join(", ")}` },
  encryption: { example: "kms", valid: `one of ${STATE_ENCRYPTIONS.join(", ")}` },
  stateKmsKeyArn: {
    example: "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-44cd-a6ef-1234567890ab",
    valid: awsRule("kmsKeyArn"),
  },
  trustedPrincipalArns: { example: [PRINCIPAL_EXAMPLE], valid: "a list of principal ARNs" },
  trustedAccountIds: { example: ["210987654321"], valid: "a list of 12-digit account ids, in quotes" },
  deployProfiles: {
    example: ["state_backend"],
    valid: `a list of profiles: ${DEPLOY_PROFILE_IDS.join(", ")}`,
  },
  permissionsBoundaryArn: {
    example: "arn:aws:iam::123456789012:policy/deploy-boundary",
    valid: awsRule("managedPolicyArn"),
  },
  rule: { example: "S3.Versioning", valid: "a security rule id such as S3.Versioning" },
  resource: {
    example: "state-backend/aws_s3_bucket.this",
    valid: "<stack>/<address> as the failing check printed it",
  },
  reason: {
    example: "kept for compatibility until v2; tracked in PLAT-12",
    valid: "a string of at least 10 characters",
  },
};

/** The elements of these lists look like this (for a path ending in a list index). */
const ELEMENT_EXAMPLES: Readonly<Record<string, KeyExample>> = {
  environments: { example: ENVIRONMENT_EXAMPLE, valid: "an object { name, accountId, region, ... }" },
  acknowledgements: {
    example: {
      rule: "S3.Versioning",
      resource: "state-backend/aws_s3_bucket.this",
      reason: "why it is accepted",
    },
    valid: "an object { rule, resource, reason }",
  },
  trustedPrincipalArns: { example: PRINCIPAL_EXAMPLE, valid: awsRule("principalArn") },
  trustedAccountIds: { example: "210987654321", valid: "a string of exactly 12 digits, in quotes" },
  deployProfiles: { example: "state_backend", valid: `one of ${DEPLOY_PROFILE_IDS.join(", ")}` },
};

const CONTEXT_EXAMPLE: KeyExample = {
  example: { repositoryUrl: "https://github.com/your-org/secure-tf-modules.git", examples: { "...": "..." } },
  valid: "an object with repositoryUrl, examples and environments",
};

/** The example of the key at a path, and how it is shown: `"region": "eu-west-1"`, or an element alone. */
export function exampleAt(path: readonly PropertyKey[]): { shown: string; valid: string } {
  const last = path[path.length - 1];
  if (typeof last === "number") {
    const element = ELEMENT_EXAMPLES[String(path[path.length - 2])];
    if (element) return { shown: JSON.stringify(element.example), valid: element.valid };
  }
  const key = last === undefined ? undefined : String(last);
  const spec = key === undefined ? CONTEXT_EXAMPLE : KEY_EXAMPLES[key];
  if (!spec) return { shown: "", valid: "" };
  return {
    shown: `${key === undefined ? '"context"' : JSON.stringify(key)}: ${JSON.stringify(spec.example)}`,
    valid: spec.valid,
  };
}

/** A JSON value's kind, as a user reads it in cdktf.json. */
function kindOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "an object";
  if (typeof value === "string") return "a string";
  return `a ${typeof value}`;
}

const EXPECTED_KIND: Readonly<Record<string, string>> = {
  string: "a string in quotes",
  array: "a list [ ... ]",
  object: "an object { ... }",
  number: "a number",
  boolean: "true or false",
};

/**
 * What is wrong, in the project's words, for issues whose schema gave no message of its own (passed
 * to safeParse as the error map; the schema's messages take precedence over it).
 */
export const projectIssueWording = (issue: z.core.$ZodRawIssue): string => {
  const { valid } = exampleAt(issue.path ?? []);
  const rule = valid ? `: ${valid}` : "";
  switch (issue.code) {
    case "invalid_type":
      if (issue.input === undefined) return valid ? `is required (${valid})` : "is required";
      return `is ${kindOf(issue.input)}, must be ${valid || (EXPECTED_KIND[issue.expected] ?? issue.expected)}`;
    case "too_small":
      return issue.origin === "array"
        ? `must list at least ${String(issue.minimum)}${rule}`
        : `is too short: at least ${String(issue.minimum)} characters${rule}`;
    case "too_big":
      return issue.origin === "array"
        ? `must list at most ${String(issue.maximum)}${rule}`
        : `is too long: at most ${String(issue.maximum)} characters${rule}`;
    case "invalid_format":
      return `is not in the expected form${rule}`;
    case "invalid_value":
      return `must be one of ${issue.values.map((value) => JSON.stringify(value)).join(", ")}`;
    case "not_multiple_of":
      return `must be a multiple of ${String(issue.divisor)}${rule}`;
    case "unrecognized_keys":
      return `has unknown keys ${issue.keys.join(", ")}`;
    case "invalid_key":
      return `has a key that is not allowed here${rule}`;
    case "invalid_element":
      return `has an element that is not allowed here${rule}`;
    case "invalid_union":
      return `matches none of the allowed forms${rule}`;
    case "custom":
      return `is not allowed here${rule}`;
  }
};

/** The fix for a problem whose message does not carry its own ("...; choose another name"). */
export function genericFix(issue: z.core.$ZodIssue, value: unknown): string {
  if (issue.code === "invalid_type") return value === undefined ? "add it" : "write it in that form";
  return "set it to a value that satisfies this rule";
}

/** `<what>; <fix>, for example <key>: <value>`: the tail of every settings problem line. */
export function wordedProblem(issue: z.core.$ZodIssue, value: unknown): string {
  const fix = issue.message.includes("; ") ? "" : `; ${genericFix(issue, value)}`;
  const { shown } = exampleAt(issue.path);
  return `${issue.message}${fix}${shown ? `, for example ${shown}` : ""}`;
}
