import type { SecurityRule } from "./rule";
import { s3PublicAccessBlock } from "./rules/s3/public-access-block";
import { s3TlsOnly } from "./rules/s3/tls-only";
import { s3Encryption } from "./rules/s3/encryption";
import { s3Versioning } from "./rules/s3/versioning";
import { s3Ownership } from "./rules/s3/ownership";
import { kmsRotation } from "./rules/kms/rotation";
import { kmsKeyPolicyAdmin } from "./rules/kms/key-policy-admin";
import { kmsDeletionWindow } from "./rules/kms/deletion-window";
import { dynamodbPointInTimeRecovery } from "./rules/dynamodb/point-in-time-recovery";
import { dynamodbEncryption } from "./rules/dynamodb/encryption";
import { dynamodbDeletionProtection } from "./rules/dynamodb/deletion-protection";
import { iamNoActionWildcard } from "./rules/iam/no-action-wildcard";
import { iamNoResourceStar } from "./rules/iam/no-resource-star";
import { iamPassRoleConditioned } from "./rules/iam/pass-role-conditioned";
import { iamNoAllowWithNot } from "./rules/iam/no-allow-not";
import { iamNoWildcardPrincipal } from "./rules/iam/no-wildcard-principal";
import { iamPrivilegeEscalationScoped } from "./rules/iam/privilege-escalation-scoped";
import { iamPolicyReadable } from "./rules/iam/policy-readable";
import { iamRoleCreationBounded } from "./rules/iam/role-creation-bounded";
import { iamKmsManagementTagScoped } from "./rules/iam/kms-management-tag-scoped";
import { iamKmsUntaggedKeyTagging } from "./rules/iam/kms-untagged-key-tagging";

/** The pack: every rule runs on every synthesized stack. */
export const SECURITY_RULES: readonly SecurityRule[] = [
  s3PublicAccessBlock,
  s3TlsOnly,
  s3Encryption,
  s3Versioning,
  s3Ownership,
  kmsRotation,
  kmsKeyPolicyAdmin,
  kmsDeletionWindow,
  dynamodbPointInTimeRecovery,
  dynamodbEncryption,
  dynamodbDeletionProtection,
  iamNoActionWildcard,
  iamNoResourceStar,
  iamPassRoleConditioned,
  iamNoAllowWithNot,
  iamNoWildcardPrincipal,
  iamPrivilegeEscalationScoped,
  iamRoleCreationBounded,
  iamKmsManagementTagScoped,
  iamKmsUntaggedKeyTagging,
  iamPolicyReadable,
];

export const SECURITY_RULE_IDS: readonly string[] = SECURITY_RULES.map((rule) => rule.id);
