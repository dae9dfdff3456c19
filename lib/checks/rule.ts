import type { StackView, TerraformResource } from "./stack-view";
import type { AnalysedPolicy } from "./policy-sources";
import type { actionInfo } from "../iam/catalogue";

/** cdk-nag's three answers: the rule holds, it is broken, or it does not concern this resource. */
export type Compliance = "compliant" | "non-compliant" | "not-applicable";

/** One rule's answer for one resource; `detail` says what exactly was found (or why it was skipped). */
export interface RuleOutcome {
  readonly status: Compliance;
  readonly detail?: string;
}

interface RuleDescription {
  /** Stable id used in findings and acknowledgements, e.g. `S3.Versioning`. */
  readonly id: string;
  /** What is wrong when the rule is broken. */
  readonly info: string;
  /** Why it matters. */
  readonly explanation: string;
  /** How to fix it, in the terms of this project's constructs. */
  readonly fix: string;
}

/** A rule about one kind of Terraform resource (bucket, key, table), possibly with its companions. */
export interface ResourceRule extends RuleDescription {
  readonly scope: "resource";
  readonly resourceTypes: readonly string[];
  /** `policies` are every policy of the stack (see policy-sources.ts), e.g. a bucket's bucket policy. */
  readonly evaluate: (
    resource: TerraformResource,
    stack: StackView,
    policies: readonly AnalysedPolicy[],
  ) => RuleOutcome;
}

/** What a policy rule may consult besides the policy: AWS's action catalogue and the environment names. */
export interface PolicyRuleContext {
  /** Answers from the loaded IAM catalogue: undefined for wildcard patterns. */
  readonly catalogue: { readonly lookup: typeof actionInfo };
  /** Environment name prefixes (e.g. `tz`) that IAM names must start with; empty = any fixed prefix. */
  readonly environmentNames: readonly string[];
}

/** A rule about every policy document found in a stack (identity, bucket, key or trust policy). */
export interface PolicyRule extends RuleDescription {
  readonly scope: "policy";
  readonly evaluate: (policy: AnalysedPolicy, context: PolicyRuleContext) => RuleOutcome;
}

export type SecurityRule = ResourceRule | PolicyRule;

export const compliant = (detail?: string): RuleOutcome => ({ status: "compliant", detail });
export const nonCompliant = (detail: string): RuleOutcome => ({ status: "non-compliant", detail });
export const notApplicable = (detail?: string): RuleOutcome => ({ status: "not-applicable", detail });

/** Combines several problems into one outcome: non-compliant if any, else compliant. */
export function outcomeOf(problems: readonly string[], compliantDetail?: string): RuleOutcome {
  return problems.length ? nonCompliant(problems.join("; ")) : compliant(compliantDetail);
}
