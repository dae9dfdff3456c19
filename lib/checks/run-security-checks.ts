import { actionInfo, loadIamCatalogue } from "../iam/catalogue";
import { distance } from "fastest-levenshtein";
import { SECURITY_RULE_IDS, SECURITY_RULES } from "./all-rules";
import { policiesOf } from "./policy-sources";
import type { CheckedStack } from "./checked-stack";
import type { Compliance, SecurityRule } from "./rule";
import { stackView } from "./stack-view";

/** An accepted finding, from settings `acknowledgements`. `resource` is `<stack>/<address>`. */
export interface Acknowledgement {
  readonly rule: string;
  readonly resource: string;
  readonly reason: string;
}

export interface Finding {
  readonly rule: string;
  readonly stack: string;
  /** Terraform address in the stack: `aws_s3_bucket.this`, `output.runtime_policy_json`. */
  readonly resource: string;
  readonly status: Compliance;
  readonly detail?: string;
  readonly info: string;
  readonly explanation: string;
  readonly fix: string;
  /** Set when a non-compliant finding is accepted in settings. */
  readonly acknowledgement?: Acknowledgement;
}

export interface SecurityReport {
  readonly findings: readonly Finding[];
  /** Non-compliant and not acknowledged: these fail synth. */
  readonly violations: readonly Finding[];
  /** Every acknowledgement (used or stale) with its reason: printed on request. */
  readonly lines: readonly string[];
  /** What every run prints: one line per acknowledged rule, and each stale acknowledgement. */
  readonly summary: readonly string[];
  /** Acknowledgements naming a rule the pack does not have: these fail synth like violations. */
  readonly unknownRules: readonly string[];
}

export interface SecurityCheckOptions {
  /** Environment name prefixes IAM names must start with (IAM.PrivilegeEscalationScoped). */
  readonly environmentNames?: readonly string[];
  /** Defaults to the whole pack; tests pass one rule. */
  readonly rules?: readonly SecurityRule[];
}

/** `<stack>/<address>`: how acknowledgements name a resource. */
export function resourceKey(stack: string, resource: string): string {
  return `${stack}/${resource}`;
}

/** Runs every rule on every stack; async only because AWS's action catalogue is loaded first. */
export async function runSecurityChecks(
  stacks: readonly CheckedStack[],
  acknowledgements: readonly Acknowledgement[] = [],
  options: SecurityCheckOptions = {},
): Promise<SecurityReport> {
  const rules = options.rules ?? SECURITY_RULES;
  const prepared = stacks.map((stack) => {
    const view = stackView(stack.terraform);
    return { name: stack.name, view, policies: policiesOf(view, stack.policies) };
  });
  await loadIamCatalogue();
  const catalogue = { lookup: actionInfo };
  const context = { catalogue, environmentNames: options.environmentNames ?? [] };

  const findings: Finding[] = [];
  const lines: string[] = [];
  for (const { name, view, policies } of prepared) {
    for (const rule of rules) {
      const describe = {
        rule: rule.id,
        stack: name,
        info: rule.info,
        explanation: rule.explanation,
        fix: rule.fix,
      };
      if (rule.scope === "resource") {
        for (const resource of view.resources.filter((r) => rule.resourceTypes.includes(r.type))) {
          findings.push({
            ...describe,
            resource: resource.address,
            ...rule.evaluate(resource, view, policies),
          });
        }
      } else if (rule.scope === "policy") {
        // Named, not implied: a rule whose scope is neither never runs (and the pack test says so).
        for (const policy of policies)
          findings.push({ ...describe, resource: policy.owner, ...rule.evaluate(policy, context) });
      }
    }
  }

  const acknowledged = findings.map((finding) => {
    if (finding.status !== "non-compliant") return finding;
    const acknowledgement = acknowledgements.find(
      (ack) => ack.rule === finding.rule && ack.resource === resourceKey(finding.stack, finding.resource),
    );
    return acknowledgement ? { ...finding, acknowledgement } : finding;
  });
  const used = new Set(acknowledged.flatMap((finding) => finding.acknowledgement ?? []));
  for (const ack of acknowledgements)
    lines.push(used.has(ack) ? `Acknowledged ${ack.rule} on ${ack.resource}: ${ack.reason}` : staleLine(ack));
  const summary = summaryLines(acknowledgements, used);
  return {
    findings: acknowledged,
    violations: acknowledged.filter(
      (finding) => finding.status === "non-compliant" && !finding.acknowledgement,
    ),
    lines,
    summary,
    unknownRules: acknowledgements.flatMap((ack) => unknownRuleProblem(ack) ?? []),
  };
}

/** How a user sees the full reasons (README "Security checks"). */
export const VERBOSE_ACKNOWLEDGEMENTS = "SECURE_TF_VERBOSE=1";

/** An acknowledgement that accepts nothing: the settings should lose it. */
const staleLine = (ack: Acknowledgement): string =>
  `Acknowledgement ${ack.rule} on ${ack.resource} matches no finding; remove it from cdktf.json context.acknowledgements.`;

/** One line per rule that acknowledgements accepted (how many, where), then each stale one. */
function summaryLines(
  acknowledgements: readonly Acknowledgement[],
  used: ReadonlySet<Acknowledgement>,
): string[] {
  const byRule = new Map<string, string[]>();
  for (const ack of acknowledgements.filter((a) => used.has(a)))
    byRule.set(ack.rule, [...(byRule.get(ack.rule) ?? []), ack.resource]);
  const accepted = [...byRule].map(([rule, resources]) => {
    const where =
      resources.length > 2
        ? `${resources.slice(0, 2).join(", ")} and ${resources.length - 2} more`
        : resources.join(", ");
    return `Acknowledged ${rule} on ${resources.length} resource(s): ${where} (reasons: ${VERBOSE_ACKNOWLEDGEMENTS})`;
  });
  return [...accepted, ...acknowledgements.filter((ack) => !used.has(ack)).map(staleLine)];
}

/** The pack owns its rule ids, so it (not the settings schema) refuses an acknowledgement of another. */
function unknownRuleProblem(ack: Acknowledgement): string | undefined {
  if (SECURITY_RULE_IDS.includes(ack.rule)) return undefined;
  const hint = SECURITY_RULE_IDS.find((id) => distance(id.toLowerCase(), ack.rule.toLowerCase()) <= 3);
  return `Acknowledgement of ${ack.resource} names rule "${ack.rule}", which the security pack does not have${hint ? ` (did you mean "${hint}"?)` : ""}; use one of ${SECURITY_RULE_IDS.join(", ")} in cdktf.json context.acknowledgements.`;
}
