import { actionDetails, isWildcardOnly, type CatalogueAction } from "../iam/catalogue";
import type { ConditionBlock, Guard, PolicyStatement } from "../policy/model";
import { param } from "../hcl/template";
import { DNS_SUFFIX } from "../naming/partition";
import { argumentActions, catalogueEntry, PROVIDER_ACTIONS, type IamResourceType } from "./catalogue";

/** The tag every resource of a deploy profile carries, and that scopes what cannot be named. */
export const ENVIRONMENT_TAG = "Environment";

/** A resource a profile creates: its Terraform type and the ARN template of its name. */
export interface DeclaredResource {
  readonly type: string;
  /** ARN template (placeholders allowed). For tag-scoped resources: the pattern of every such resource. */
  readonly arn: string;
  /** The ARN is unknowable before creation (KMS key ids are random): scope by the Environment tag. */
  readonly tagScoped?: boolean;
  /** A role that is handed to a service: `iam:PassRole` to this service principal only. */
  readonly passedToService?: string;
  /** For role-policy attachments: the only policies that may be attached (`iam:PolicyARN`). */
  readonly attachablePolicyArns?: readonly string[];
  /**
   * For tag-scoped KMS keys: the alias names (patterns) the profile gives its keys. A key with any
   * other alias is another module's (`ForAllValues:StringLike` on `kms:ResourceAliases`).
   */
  readonly keyAliases?: readonly string[];
  /** Optional arguments the profile sets on this resource: their `whenSet` calls are granted. */
  readonly arguments?: readonly string[];
  /**
   * For roles: the (nullable) parameter holding a permissions boundary. When it is set, the roles
   * can be created, and re-bounded, only with that boundary (`iam:PermissionsBoundary`), and never
   * unbounded; when it is null, CreateRole is granted without the condition.
   */
  readonly permissionsBoundaryParam?: string;
}

/** A resource the profile uses but does not create, which AWS authorizes some calls against. */
export interface ReferencedResource {
  readonly iamType: IamResourceType;
  readonly arn: string;
  /** Why the calls touch it (shown in the docs). */
  readonly why: string;
}

/** A service-linked role the provider may have to create the first time a service is used. */
export interface ServiceLinkedRole {
  readonly serviceName: string;
  readonly arn: string;
}

export interface DeriveInput {
  /** Sid prefix, PascalCase (e.g. `EcsCompute`), so that unions of profiles keep Sids unique. */
  readonly sidPrefix: string;
  /** Template of the environment's tag value, e.g. `{environment_name}`. */
  readonly environment: string;
  /** Template of the region, for `kms:ViaService`. */
  readonly region: string;
  readonly resources: readonly DeclaredResource[];
  readonly references?: readonly ReferencedResource[];
  readonly serviceLinkedRoles?: readonly ServiceLinkedRole[];
}

/** One (action, resource, condition) grant: the unit `derive` groups into statements. */
interface Grant {
  readonly action: string;
  readonly resource: string;
  /** Resource types, for readable Sids. */
  readonly label: string;
  readonly conditions?: ConditionBlock;
  /** The grant holds only in this configuration (e.g. a boundary parameter set or unset). */
  readonly guards?: readonly Guard[];
}

/** The calls that give a role its permissions boundary: only these may name it. */
const BOUNDED_ROLE_CALLS = { create: "iam:CreateRole", put: "iam:PutRolePermissionsBoundary" } as const;

interface Candidate {
  readonly iamType: IamResourceType;
  readonly arn: string;
  readonly tagScoped: boolean;
  readonly keyAliases?: readonly string[];
}

/**
 * How a call on a tag-scoped resource is conditioned: `create` (request tags), `settling` (the
 * same apply as the create: the new tag may not count yet, so an untagged resource is accepted),
 * `manage` (the resource's tag must be the environment's).
 */
type TagPhase = "create" | "settling" | "manage";

/**
 * Least-privilege statements for the given resources. Every (action, resource, condition) grant
 * comes from the catalogue and iam-data; grants are grouped so that each statement's actions x
 * resources is exactly a set of grants (nothing more), in as few statements as that allows.
 */
export function derive(input: DeriveInput): PolicyStatement[] {
  const grants: Grant[] = [];
  const problems: string[] = [];
  const candidates: Candidate[] = [
    ...input.resources.map((r) => ({
      iamType: catalogueEntry(r.type).iamType,
      arn: r.arn,
      tagScoped: r.tagScoped ?? false,
      keyAliases: r.keyAliases,
    })),
    ...(input.references ?? []).map((r) => ({ iamType: r.iamType, arn: r.arn, tagScoped: false })),
  ];
  const tagged = (candidate: Candidate, phase: TagPhase): ConditionBlock | undefined =>
    candidate.tagScoped ? tagConditions(input.environment, phase, false, candidate.keyAliases) : undefined;

  for (const action of PROVIDER_ACTIONS) grants.push({ action, resource: "*", label: "Account" });

  for (const resource of input.resources) {
    const entry = catalogueEntry(resource.type);
    const own: Candidate = { ...resource, iamType: entry.iamType, tagScoped: resource.tagScoped ?? false };
    const afterCreate = new Set(entry.afterCreate ?? []);
    const later = [
      ...entry.actions.read,
      ...entry.actions.update,
      ...entry.actions.delete,
      ...(resource.arguments ?? []).flatMap((argument) => argumentActions(entry, argument)),
    ];
    const phases: Array<[TagPhase, readonly string[]]> = [
      ["create", entry.actions.create],
      ["settling", later.filter((action) => afterCreate.has(action))],
      ["manage", later.filter((action) => !afterCreate.has(action))],
    ];
    for (const call of entry.accountWide ?? []) {
      lookup(call.action);
      grants.push({ action: call.action, resource: "*", label: "Account" });
    }
    for (const [phase, actions] of phases) {
      for (const action of actions) {
        const details = lookup(action);
        if (isWildcardOnly(details)) {
          const tagOnCreate = phase === "create" && own.tagScoped && supportsRequestTag(details);
          grants.push({
            action,
            resource: "*",
            label: "Account",
            conditions: tagOnCreate ? tagConditions(input.environment, "create", false) : undefined,
          });
          continue;
        }
        for (const type of details.resourceTypes) {
          const qualified = `${action.split(":")[0]}:${type.name}` as IamResourceType;
          if (qualified === entry.iamType) {
            grants.push(
              ...bounded(resource, {
                action,
                resource: resource.arn,
                label: qualified,
                conditions: ownConditions(resource, own, phase, details, input.environment),
              }),
            );
            continue;
          }
          // Tagging calls tag only the resource at hand; other calls are also checked against the
          // resources they reference (a cluster's subnet group, an alias's key).
          // (A tag call of another service, such as the secret RDS creates and tags, is not skipped.)
          if (namesOnlyItself(details) && sameService(qualified, entry.iamType)) continue;
          // A call made while creating (an alias naming the new key) runs in the key's first apply.
          const otherPhase: TagPhase = phase === "manage" ? "manage" : "settling";
          const others = candidates.filter((c) => c.iamType === qualified);
          for (const other of others) {
            grants.push({
              action,
              resource: other.arn,
              label: qualified,
              conditions: tagged(other, otherPhase),
            });
          }
          if (others.length === 0 && type.required && !entry.alternatives?.[qualified]) {
            problems.push(
              `${action} is always authorized against ${qualified}, and ${resource.type} names none`,
            );
          }
        }
      }
    }
    for (const related of entry.related ?? []) {
      for (const other of candidates.filter((c) => c.iamType === related.target)) {
        for (const action of related.actions) {
          lookup(action);
          grants.push({
            action,
            resource: other.arn,
            label: related.target,
            // Services use the key in the apply that creates it (the table right after its key).
            conditions: mergeConditions(
              tagged(other, "settling"),
              related.viaService
                ? {
                    StringEquals: { "kms:ViaService": `${related.viaService}.${input.region}.${DNS_SUFFIX}` },
                  }
                : undefined,
            ),
          });
        }
      }
    }
    if (resource.permissionsBoundaryParam) {
      lookup(BOUNDED_ROLE_CALLS.put);
      grants.push({
        ...boundedOnly(resource.permissionsBoundaryParam),
        action: BOUNDED_ROLE_CALLS.put,
        resource: resource.arn,
        label: entry.iamType,
      });
    }
    if (resource.passedToService) {
      grants.push({
        action: "iam:PassRole",
        resource: resource.arn,
        label: "iam:role",
        conditions: { StringEquals: { "iam:PassedToService": resource.passedToService } },
      });
    }
  }
  for (const role of input.serviceLinkedRoles ?? []) {
    grants.push({
      action: "iam:CreateServiceLinkedRole",
      resource: role.arn,
      label: "iam:service-linked-role",
      conditions: { StringEquals: { "iam:AWSServiceName": role.serviceName } },
    });
  }
  if (problems.length) {
    throw new Error(`derive(${input.sidPrefix}): uncovered resource types:\n  ${problems.join("\n  ")}`);
  }
  return groupGrants(input.sidPrefix, grants);
}

/** The condition and guard of a grant that holds only with the boundary in the parameter. */
function boundedOnly(boundaryParam: string): Pick<Grant, "conditions" | "guards"> {
  return {
    conditions: { StringEquals: { "iam:PermissionsBoundary": param(boundaryParam) } },
    guards: [{ param: boundaryParam, is: "set" }],
  };
}

/**
 * CreateRole on a role with a boundary parameter: with the boundary when it is set, unconditioned
 * (the escalation path the module README states) only when it is null. Other grants pass through.
 */
function bounded(resource: DeclaredResource, grant: Grant): Grant[] {
  const boundaryParam = resource.permissionsBoundaryParam;
  if (!boundaryParam || grant.action !== BOUNDED_ROLE_CALLS.create) return [grant];
  const withBoundary = boundedOnly(boundaryParam);
  return [
    { ...grant, guards: [{ param: boundaryParam, is: "unset" }] },
    { ...grant, ...withBoundary, conditions: mergeConditions(grant.conditions, withBoundary.conditions) },
  ];
}

function lookup(action: string): CatalogueAction {
  const [service, name] = action.split(":");
  const details = name === undefined ? undefined : actionDetails(service, name);
  if (!details) throw new Error(`Permission catalogue names "${action}", which iam-data does not know.`);
  return details;
}

/** Tag writes: iam-data files some under "Tagging" and some (kms, dynamodb) under "Write". */
function isTagging(details: CatalogueAction): boolean {
  return details.accessLevel === "Tagging" || /^(Tag|Untag|AddTags|RemoveTags)/.test(details.name);
}

/** Tag calls, including listing: each names only the resource whose tags it reads or writes. */
function namesOnlyItself(details: CatalogueAction): boolean {
  return isTagging(details) || /^ListTags/.test(details.name);
}

const sameService = (a: string, b: string): boolean => a.split(":")[0] === b.split(":")[0];

function supportsRequestTag(details: CatalogueAction): boolean {
  return details.conditionKeys.some((key) => key.startsWith("aws:RequestTag/"));
}

/**
 * Conditions of a call on a tag-scoped resource. Creating requires the Environment tag in the
 * request; tagging while creating only a resource with no Environment tag yet. In the creating
 * apply (`settling`) the new tag may not count yet, so the tag must be the environment's if it is
 * there; later (`manage`) it must be. Tag management may not touch the Environment tag itself.
 * With key aliases, a key with another alias (another module's) is refused in every phase.
 */
function tagConditions(
  environment: string,
  phase: TagPhase,
  tagging: boolean,
  keyAliases?: readonly string[],
): ConditionBlock {
  const tag = `aws:ResourceTag/${ENVIRONMENT_TAG}`;
  const condition: Record<string, Record<string, string | readonly string[]>> = {};
  if (phase === "create") {
    condition.StringEquals = { [`aws:RequestTag/${ENVIRONMENT_TAG}`]: environment };
    if (tagging) condition.Null = { [tag]: "true" };
  } else {
    // In the creating apply (`settling`) KMS may not count the new key's tag for up to five
    // minutes, so its calls accept a key without the tag; every later call (`manage`: policy,
    // rotation off, disable, delete, tags) needs the environment's tag, so an untagged key of
    // another team is out of reach. One manage statement keeps the policies within 6,144.
    const strict = tagging || phase === "manage";
    condition[strict ? "StringEquals" : "StringEqualsIfExists"] = { [tag]: environment };
    if (strict) condition["ForAllValues:StringNotEquals"] = { "aws:TagKeys": [ENVIRONMENT_TAG] };
  }
  // A key with another alias (another module's, another team's) is refused in every phase; at
  // creation only the tag call names a key (a new key has no alias, so the condition holds).
  if (keyAliases?.length && (phase !== "create" || tagging)) {
    condition["ForAllValues:StringLike"] = { "kms:ResourceAliases": keyAliases };
  }
  return condition;
}

function ownConditions(
  resource: DeclaredResource,
  own: Candidate,
  phase: TagPhase,
  details: CatalogueAction,
  environment: string,
): ConditionBlock | undefined {
  if (resource.attachablePolicyArns && details.conditionKeys.includes("iam:PolicyARN")) {
    return { ArnLike: { "iam:PolicyARN": resource.attachablePolicyArns } };
  }
  if (!own.tagScoped) return undefined;
  if (phase === "create" && isWildcardOnly(details)) {
    return supportsRequestTag(details) ? tagConditions(environment, "create", false) : undefined;
  }
  return tagConditions(environment, phase, isTagging(details), own.keyAliases);
}

function mergeConditions(a?: ConditionBlock, b?: ConditionBlock): ConditionBlock | undefined {
  if (!a) return b;
  if (!b) return a;
  const out: Record<string, Record<string, string | readonly string[]>> = {};
  for (const block of [a, b]) {
    for (const [operator, entries] of Object.entries(block)) out[operator] = { ...out[operator], ...entries };
  }
  return out;
}

/** Stable text of a condition block, for grouping (operator and key order normalised). */
function conditionKey(conditions?: ConditionBlock): string {
  if (!conditions) return "";
  const sorted = Object.keys(conditions)
    .sort()
    .map((operator) => {
      const entries = conditions[operator];
      return [
        operator,
        Object.keys(entries)
          .sort()
          .map((key) => [key, entries[key]]),
      ];
    });
  return JSON.stringify(sorted);
}

/**
 * Two passes keep statements exact: first each (action, condition) collects its resources, then
 * actions with the same (resource set, condition) share a statement.
 */
function groupGrants(sidPrefix: string, grants: readonly Grant[]): PolicyStatement[] {
  const byAction = new Map<
    string,
    {
      action: string;
      conditions?: ConditionBlock;
      guards?: readonly Guard[];
      resources: Set<string>;
      labels: Set<string>;
    }
  >();
  for (const grant of grants) {
    const key = `${grant.action}|${conditionKey(grant.conditions)}|${JSON.stringify(grant.guards ?? [])}`;
    const group = byAction.get(key) ?? {
      action: grant.action,
      conditions: grant.conditions,
      guards: grant.guards,
      resources: new Set<string>(),
      labels: new Set<string>(),
    };
    group.resources.add(grant.resource);
    group.labels.add(grant.label);
    byAction.set(key, group);
  }
  const byTarget = new Map<
    string,
    {
      actions: Set<string>;
      resources: string[];
      conditions?: ConditionBlock;
      guards?: readonly Guard[];
      labels: Set<string>;
    }
  >();
  for (const group of byAction.values()) {
    const resources = [...group.resources].sort();
    const key = `${JSON.stringify(resources)}|${conditionKey(group.conditions)}|${JSON.stringify(group.guards ?? [])}`;
    const target = byTarget.get(key) ?? {
      actions: new Set<string>(),
      resources,
      conditions: group.conditions,
      guards: group.guards,
      labels: new Set<string>(),
    };
    target.actions.add(group.action);
    for (const label of group.labels) target.labels.add(label);
    byTarget.set(key, target);
  }
  const statements = [...byTarget.values()]
    .map((target) => ({ ...target, actions: [...target.actions].sort() }))
    .sort(
      (a, b) =>
        compare(a.resources.join(","), b.resources.join(",")) ||
        compare(conditionKey(a.conditions), conditionKey(b.conditions)) ||
        compare(JSON.stringify(a.guards ?? []), JSON.stringify(b.guards ?? [])),
    );
  const used = new Set<string>();
  return statements.map((target) => {
    const base = sidPrefix + sidLabel(target.labels, target.conditions, target.guards);
    let sid = base;
    for (let n = 2; used.has(sid); n++) sid = `${base}${n}`;
    used.add(sid);
    const statement: PolicyStatement = {
      sid,
      effect: "Allow",
      actions: target.actions,
      resources: target.resources,
      ...(target.conditions ? { conditions: target.conditions } : {}),
      ...(target.guards?.length ? { guards: target.guards } : {}),
    };
    return statement;
  });
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `kms:key` + tag condition -> `KmsKeyTagged`: Sids say what they scope. */
function sidLabel(
  labels: ReadonlySet<string>,
  conditions?: ConditionBlock,
  guards?: readonly Guard[],
): string {
  const pascal = (text: string) =>
    text
      .split(/[^A-Za-z0-9]+/)
      .filter(Boolean)
      .map((word) => word[0].toUpperCase() + word.slice(1))
      .join("");
  // One type names the statement; more than one means the calls also touch related resources.
  const sorted = [...labels].sort();
  const types = pascal(sorted[0]) + (sorted.length > 1 ? "Related" : "");
  const keys = Object.values(conditions ?? {}).flatMap((entries) => Object.keys(entries));
  let suffix = "";
  if (keys.some((k) => k.startsWith("aws:RequestTag/"))) suffix = "CreateTagged";
  else if (keys.includes("kms:ViaService")) suffix = "ViaService";
  else if (conditions?.StringEqualsIfExists) suffix = "NewOrTagged";
  else if (keys.some((k) => k.startsWith("aws:ResourceTag/"))) suffix = "Tagged";
  else if (keys.includes("iam:PassedToService")) suffix = "PassToService";
  else if (keys.includes("iam:AWSServiceName")) suffix = "ServiceLinked";
  else if (keys.includes("iam:PolicyARN")) suffix = "OwnPolicies";
  else if (keys.includes("iam:PermissionsBoundary")) suffix = "Bounded";
  else if (guards?.some((guard) => guard.is === "unset")) suffix = "Unbounded";
  return types + suffix;
}
