import { compliant, type PolicyRule } from "../../rule";
import { actionMatches } from "../../../iam/match";
import { checkAllowStatements, onAnyKey, requiresResourceTag } from "./statements";

/**
 * Calls that take a key away from its owner (policy, deletion, disabling, rotation off, tags). The
 * calls of a key's creating apply (reads, rotation on, alias, tag-on-create) are not here: KMS may
 * not count a new key's tag for five minutes, so they accept an untagged key (README residuals).
 */
const KEY_MANAGEMENT = [
  "kms:PutKeyPolicy",
  "kms:ScheduleKeyDeletion",
  "kms:DisableKey",
  "kms:DisableKeyRotation",
  "kms:UntagResource",
  "kms:UpdateKeyDescription",
  "kms:CancelKeyDeletion",
];

export const iamKmsManagementTagScoped: PolicyRule = {
  id: "IAM.KmsManagementTagScoped",
  scope: "policy",
  info: "KMS key management (key policy, deletion, disabling) is allowed on keys the policy cannot name without requiring their tag.",
  explanation:
    "Key ids are random, so a deploy policy names `key/*`; without StringEquals on aws:ResourceTag/<tag>, the holder can rewrite the key policy of, disable or schedule deletion of any untagged key in the account, including another team's. StringEqualsIfExists does not help: an untagged key satisfies it.",
  fix: 'Condition the statement with StringEquals { "aws:ResourceTag/Environment" = "<environment>" } (keys are tagged at creation), or name the key ARN.',
  evaluate(policy) {
    // In a key policy, `*` is the key itself: only identity policies reach other keys.
    if (policy.kind !== "identity") return compliant();
    return checkAllowStatements(policy, (statement) => {
      if (!onAnyKey(statement)) return undefined;
      const management = statement.actions.filter((action) =>
        KEY_MANAGEMENT.some((call) => actionMatches(action, call)),
      );
      if (management.length === 0 || requiresResourceTag(statement)) return undefined;
      return `allows ${management.join(", ")} on any key without StringEquals on aws:ResourceTag`;
    });
  },
};
