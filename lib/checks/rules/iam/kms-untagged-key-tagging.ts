import { compliant, type PolicyRule } from "../../rule";
import { actionMatches } from "../../../iam/match";
import { checkAllowStatements, onAnyKey, requiresResourceTag } from "./statements";

/**
 * The residual of tagging a key at creation (README "Residual permissions"): CreateKey with tags is
 * authorized as kms:TagResource on `key/*`, and no condition key tells a new key from another team's
 * untagged one. Flagged so that a policy carries it only when acknowledged (opt-in, with a reason).
 */
export const iamKmsUntaggedKeyTagging: PolicyRule = {
  id: "IAM.KmsUntaggedKeyTagging",
  scope: "policy",
  info: "kms:TagResource is allowed on keys that carry no tag yet, so an untagged key of another team can be tagged into this environment.",
  explanation:
    "A policy that tags its keys at creation allows kms:TagResource on key/* for keys without the tag. The same grant lets its holder tag any untagged, unaliased key in the account and region with the environment's tag, after which every tag-scoped grant (key policy, deletion, disabling) reaches that key.",
  fix: 'Acknowledge it in context.acknowledgements of cdktf.json with your reason (the profiles that create KMS keys need it for their first apply), or require the tag with StringEquals { "aws:ResourceTag/Environment" = "<environment>" }.',
  evaluate(policy) {
    // In a key policy, `*` is the key itself: only identity policies reach other keys.
    if (policy.kind !== "identity") return compliant();
    return checkAllowStatements(policy, (statement) => {
      if (!onAnyKey(statement) || requiresResourceTag(statement)) return undefined;
      if (!statement.actions.some((action) => actionMatches(action, "kms:TagResource"))) return undefined;
      return "allows kms:TagResource on any key without StringEquals on aws:ResourceTag";
    });
  },
};
