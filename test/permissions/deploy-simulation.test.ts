import { deployPolicyDocuments } from "../../lib/constructs/deploy-policies";
import { deployParamValues } from "../../lib/app/deploy-policy-examples";
import { renderConcrete } from "../../lib/policy/render-concrete";
import { derivedDeployNames } from "../../lib/naming/deploy-policies";
import { templatesOf } from "../../lib/permissions/deploy-profile";
import { defaultKeyPolicy, simulate, type Decision } from "../support/simulate";

const env = { environmentName: "tz", accountId: "123456789012", region: "eu-west-1" };
const documents = deployPolicyDocuments();

interface Row {
  readonly action: string;
  readonly resource: string;
  readonly context?: Readonly<Record<string, string | readonly string[]>>;
  readonly expected: Decision;
}
const allow = (action: string, resource: string, context?: Row["context"]): Row => ({
  action,
  resource,
  context,
  expected: "Allowed",
});
const deny = (action: string, resource: string, context?: Row["context"]): Row => ({
  action,
  resource,
  context,
  expected: "ImplicitlyDenied",
});

const A = "arn:aws:";
const ACCT = "123456789012";
const BOUNDARY = `${A}iam::${ACCT}:policy/ecs-boundary`;
const KEY = `${A}kms:eu-west-1:${ACCT}:key/1234abcd-12ab-44cd-a6ef-1234567890ab`;
const STATE_ALIAS = `alias/tz-state-${ACCT}-eu-west-1`;
/** A key of the profile's module, settled: its tag and alias count for authorization. */
const ownKey = (alias: string) => ({ "aws:ResourceTag/Environment": "tz", "kms:ResourceAliases": [alias] });
const own = ownKey(STATE_ALIAS);
const other = { "aws:ResourceTag/Environment": "prod" };
/** A key created in this apply: KMS may not count its tags yet, and it has no alias. */
const brandNew = {};

const TABLES: Record<keyof typeof documents, Row[]> = {
  state_backend: [
    allow("s3:CreateBucket", `${A}s3:::tz-state-${ACCT}-eu-west-1`),
    allow("s3:PutBucketPolicy", `${A}s3:::tz-state-${ACCT}-eu-west-1`),
    allow("s3:DeleteBucket", `${A}s3:::tz-state-${ACCT}-eu-west-1`),
    // access_log_bucket_name: logging is configured on the state bucket (never on another one).
    allow("s3:PutBucketLogging", `${A}s3:::tz-state-${ACCT}-eu-west-1`),
    allow("s3:GetBucketLogging", `${A}s3:::tz-state-${ACCT}-eu-west-1`),
    deny("s3:PutBucketLogging", `${A}s3:::tz-orchestra-artifacts-main`),
    allow("dynamodb:CreateTable", `${A}dynamodb:eu-west-1:${ACCT}:table/tz-state-${ACCT}-eu-west-1-locks`),
    allow("kms:CreateKey", "*", { "aws:RequestTag/Environment": "tz" }),
    allow("kms:PutKeyPolicy", KEY, own),
    allow("kms:CreateAlias", `${A}kms:eu-west-1:${ACCT}:alias/tz-state-${ACCT}-eu-west-1`),
    // The first apply: every call the provider and DynamoDB make on the new key right after CreateKey.
    ...[
      "kms:EnableKeyRotation",
      "kms:GetKeyPolicy",
      "kms:GetKeyRotationStatus",
      "kms:ListResourceTags",
      "kms:DescribeKey",
      "kms:CreateAlias",
    ].map((action) => allow(action, KEY, brandNew)),
    allow("kms:DescribeKey", KEY, { ...brandNew, "kms:ViaService": "dynamodb.eu-west-1.amazonaws.com" }),
    allow("kms:CreateGrant", KEY, { ...brandNew, "kms:ViaService": "dynamodb.eu-west-1.amazonaws.com" }),
    allow("kms:ScheduleKeyDeletion", KEY, own),
    // Destroy removes the alias before the key.
    allow("kms:ScheduleKeyDeletion", KEY, { "aws:ResourceTag/Environment": "tz" }),
    // Another module of the same environment: the Aurora key.
    deny("kms:PutKeyPolicy", KEY, ownKey("alias/tz-aurora")),
    deny("kms:ScheduleKeyDeletion", KEY, ownKey("alias/tz-aurora")),
    deny("kms:DisableKey", KEY, ownKey("alias/tz_integration_a_b")),
    // An untagged key of another team tagged into the environment still cannot be administered.
    deny("kms:PutKeyPolicy", KEY, ownKey("alias/other-team")),
    deny("kms:ScheduleKeyDeletion", KEY, ownKey("alias/other-team")),
    // The old grant, alias/<bucket with dots>, for a dotted bucket: the module creates alias/<dashes>.
    deny("kms:CreateAlias", `${A}kms:eu-west-1:${ACCT}:alias/tz.state`),
    deny("s3:GetObject", `${A}s3:::tz-state-${ACCT}-eu-west-1/tz/v1/terraform.tfstate`),
    deny("s3:CreateBucket", `${A}s3:::prod-state-${ACCT}-eu-west-1`),
    deny("s3:DeleteBucket", `${A}s3:::unrelated-bucket`),
    deny("dynamodb:DeleteTable", `${A}dynamodb:eu-west-1:${ACCT}:table/prod-state-locks`),
    deny("kms:CreateKey", "*", { "aws:RequestTag/Environment": "prod" }),
    deny("kms:CreateKey", "*"),
    deny("kms:ScheduleKeyDeletion", KEY, other),
    deny("kms:PutKeyPolicy", KEY, other),
    deny("kms:TagResource", KEY, {
      ...other,
      "aws:RequestTag/Environment": "tz",
      "aws:TagKeys": ["Environment"],
    }),
    deny("kms:UntagResource", KEY, { ...own, "aws:TagKeys": ["Environment"] }),
  ],
  aurora_cluster: [
    allow("rds:CreateDBCluster", `${A}rds:eu-west-1:${ACCT}:cluster:tz-aurora`),
    allow("rds:CreateDBCluster", `${A}rds:eu-west-1:${ACCT}:subgrp:tz-aurora-subnets`),
    allow("rds:ModifyDBCluster", `${A}rds:eu-west-1:${ACCT}:cluster:tz-aurora`),
    allow("rds:DeleteDBCluster", `${A}rds:eu-west-1:${ACCT}:cluster:tz-aurora`),
    allow("rds:CreateDBInstance", `${A}rds:eu-west-1:${ACCT}:db:tz-aurora-instance-1`),
    allow("rds:DeleteDBClusterParameterGroup", `${A}rds:eu-west-1:${ACCT}:cluster-pg:tz-aurora-params`),
    allow("kms:CreateGrant", KEY, {
      ...ownKey("alias/tz-aurora"),
      "kms:ViaService": "rds.eu-west-1.amazonaws.com",
    }),
    allow("kms:CreateGrant", KEY, { ...brandNew, "kms:ViaService": "rds.eu-west-1.amazonaws.com" }),
    allow("kms:EnableKeyRotation", KEY, brandNew),
    allow("kms:ScheduleKeyDeletion", KEY, ownKey("alias/tz-aurora")),
    deny("kms:ScheduleKeyDeletion", KEY, own),
    // Every read of the cluster looks up its global cluster; the request names none.
    allow("rds:DescribeGlobalClusters", "*"),
    allow("rds:DescribeDBClusters", `${A}rds:eu-west-1:${ACCT}:cluster:tz-aurora`),
    // Needed with ca_cert_identifier (the new instance is rebooted): granted on its own instances only.
    allow("rds:RebootDBInstance", `${A}rds:eu-west-1:${ACCT}:db:tz-aurora-instance-1`),
    deny("rds:RebootDBInstance", `${A}rds:eu-west-1:${ACCT}:db:billing-db-1`),
    // manage_master_user_password: RDS creates and tags its rds!cluster-<uuid> secret as the caller.
    allow(
      "secretsmanager:CreateSecret",
      `${A}secretsmanager:eu-west-1:${ACCT}:secret:rds!cluster-1a2b3c4d-AbCdEf`,
    ),
    allow(
      "secretsmanager:TagResource",
      `${A}secretsmanager:eu-west-1:${ACCT}:secret:rds!cluster-1a2b3c4d-AbCdEf`,
    ),
    deny(
      "secretsmanager:CreateSecret",
      `${A}secretsmanager:eu-west-1:${ACCT}:secret:billing-db-password-AbCdEf`,
    ),
    deny(
      "secretsmanager:TagResource",
      `${A}secretsmanager:eu-west-1:${ACCT}:secret:billing-db-password-AbCdEf`,
    ),
    // iam_roles is not granted (seed 000 sets none): adding or removing a role is refused.
    deny("rds:RemoveRoleFromDBCluster", `${A}rds:eu-west-1:${ACCT}:cluster:tz-aurora`),
    allow(
      "iam:CreateServiceLinkedRole",
      `${A}iam::${ACCT}:role/aws-service-role/rds.amazonaws.com/AWSServiceRoleForRDS`,
      { "iam:AWSServiceName": "rds.amazonaws.com" },
    ),
    deny("rds:DeleteDBCluster", `${A}rds:eu-west-1:${ACCT}:cluster:prod-aurora`),
    deny("rds:ModifyDBCluster", `${A}rds:eu-west-1:${ACCT}:cluster:unrelated`),
    deny("rds:DeleteDBInstance", `${A}rds:eu-west-1:${ACCT}:db:prod-aurora-instance-1`),
    deny("kms:CreateGrant", KEY, ownKey("alias/tz-aurora")),
    deny("kms:ScheduleKeyDeletion", KEY, other),
    deny(
      "iam:CreateServiceLinkedRole",
      `${A}iam::${ACCT}:role/aws-service-role/rds.amazonaws.com/AWSServiceRoleForRDS`,
      { "iam:AWSServiceName": "ecs.amazonaws.com" },
    ),
  ],
  ecs_compute: [
    allow("ecs:CreateCluster", `${A}ecs:eu-west-1:${ACCT}:cluster/tz-orchestra-compute-cluster-main`),
    allow("ecs:RegisterTaskDefinition", `${A}ecs:eu-west-1:${ACCT}:task-definition/tz-dbt_core-job:3`),
    allow("ecs:RegisterTaskDefinition", `${A}ecs:eu-west-1:${ACCT}:task-definition/tz-python:1`),
    deny("ecs:RegisterTaskDefinition", `${A}ecs:eu-west-1:${ACCT}:task-definition/tz-spark:1`),
    allow("iam:CreateRole", `${A}iam::${ACCT}:role/tz-orchestra-ecs-execution-role-main`),
    allow("iam:PassRole", `${A}iam::${ACCT}:role/tz-orchestra-task-dbt-main`, {
      "iam:PassedToService": "ecs-tasks.amazonaws.com",
    }),
    allow("iam:CreatePolicyVersion", `${A}iam::${ACCT}:policy/tz-orchestra-compute-main-policy`),
    allow("iam:AttachRolePolicy", `${A}iam::${ACCT}:role/tz-orchestra-ecs-execution-role-main`, {
      "iam:PolicyARN": "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy",
    }),
    allow("s3:PutBucketVersioning", `${A}s3:::tz-orchestra-artifacts-main`),
    allow("logs:CreateLogGroup", `${A}logs:eu-west-1:${ACCT}:log-group:/tz-orchestra/ecs-dbt`),
    allow("kms:CreateAlias", `${A}kms:eu-west-1:${ACCT}:alias/tz_integration_a_b`),
    allow("kms:PutKeyPolicy", KEY, ownKey("alias/tz_integration_a_b")),
    allow("iam:UpdateRoleDescription", `${A}iam::${ACCT}:role/tz-orchestra-compute-main`),
    deny("ecs:DeleteCluster", `${A}ecs:eu-west-1:${ACCT}:cluster/prod-orchestra-compute-cluster-main`),
    deny("iam:DeleteRole", `${A}iam::${ACCT}:role/prod-orchestra-ecs-execution-role-main`),
    deny("iam:CreateRole", `${A}iam::${ACCT}:role/Admin`),
    deny("iam:PassRole", `${A}iam::${ACCT}:role/tz-orchestra-task-dbt-main`, {
      "iam:PassedToService": "lambda.amazonaws.com",
    }),
    deny("iam:AttachRolePolicy", `${A}iam::${ACCT}:role/tz-orchestra-compute-main`, {
      "iam:PolicyARN": "arn:aws:iam::aws:policy/AdministratorAccess",
    }),
    deny("s3:DeleteBucket", `${A}s3:::prod-orchestra-secrets-main`),
    deny("s3:GetObject", `${A}s3:::tz-orchestra-secrets-main/secret`),
    deny("logs:DeleteLogGroup", `${A}logs:eu-west-1:${ACCT}:log-group:/prod-orchestra/ecs-dbt`),
    deny("kms:DisableKey", KEY, other),
    // No boundary input (the default): no boundary can be put, and none removed.
    deny("iam:PutRolePermissionsBoundary", `${A}iam::${ACCT}:role/tz-orchestra-compute-main`, {
      "iam:PermissionsBoundary": BOUNDARY,
    }),
    deny("iam:DeleteRolePermissionsBoundary", `${A}iam::${ACCT}:role/tz-orchestra-compute-main`),
    // Another workload of the environment, under the default workload name.
    deny("iam:CreateRole", `${A}iam::${ACCT}:role/tz-billing-compute-main`),
    deny("ecs:CreateCluster", `${A}ecs:eu-west-1:${ACCT}:cluster/tz-billing-compute-cluster-main`),
    deny("s3:CreateBucket", `${A}s3:::tz-billing-artifacts-main`),
    deny("iam:CreatePolicyVersion", `${A}iam::${ACCT}:policy/tz-billing-compute-main-policy`),
  ],
  min_provisioner: [
    allow("iam:CreateRole", `${A}iam::${ACCT}:role/tz-MinProvisioner`),
    allow("iam:CreatePolicy", `${A}iam::${ACCT}:policy/tz-MinProvisioner-state_backend-1`),
    allow("iam:AttachRolePolicy", `${A}iam::${ACCT}:role/tz-MinProvisioner`, {
      "iam:PolicyARN": `${A}iam::${ACCT}:policy/tz-MinProvisioner-ecs_compute-1`,
    }),
    allow("iam:DeleteRole", `${A}iam::${ACCT}:role/tz-MinProvisioner`),
    allow("iam:UpdateRoleDescription", `${A}iam::${ACCT}:role/tz-MinProvisioner`),
    // Deliberately not granted: a holder could lift its own boundary (needs an administrator).
    deny("iam:PutRolePermissionsBoundary", `${A}iam::${ACCT}:role/tz-MinProvisioner`, {
      "iam:PermissionsBoundary": `${A}iam::${ACCT}:policy/boundary`,
    }),
    deny("iam:DeleteRolePermissionsBoundary", `${A}iam::${ACCT}:role/tz-MinProvisioner`),
    deny("iam:DeleteRole", `${A}iam::${ACCT}:role/prod-MinProvisioner`),
    deny("iam:CreateRole", `${A}iam::${ACCT}:role/OtherRole`),
    deny("iam:AttachRolePolicy", `${A}iam::${ACCT}:role/tz-MinProvisioner`, {
      "iam:PolicyARN": "arn:aws:iam::aws:policy/AdministratorAccess",
    }),
    deny("iam:PassRole", `${A}iam::${ACCT}:role/tz-MinProvisioner`, {
      "iam:PassedToService": "ec2.amazonaws.com",
    }),
  ],
};

const DEFAULT_KEY_POLICY = defaultKeyPolicy(ACCT);

async function decide(
  profile: keyof typeof documents,
  row: Row,
  values = deployParamValues(env),
): Promise<Decision> {
  return simulate({
    identityPolicies: [renderConcrete(documents[profile], values)],
    ...(row.resource.includes(":key/") ? { resourcePolicy: DEFAULT_KEY_POLICY } : {}),
    request: { action: row.action, resource: row.resource, context: row.context },
  });
}

describe.each(Object.keys(TABLES) as Array<keyof typeof documents>)("deploy policy %s", (profile) => {
  test.each(TABLES[profile].map((row) => [row.expected, row.action, row.resource, row] as const))(
    "%s %s on %s",
    async (_expected, _action, _resource, row) => {
      expect(await decide(profile, row)).toBe(row.expected);
    },
  );
});

/** `tz` as a name prefix (`tz-`, `tz_`, `/tz-`) or a whole value: the environment of every row. */
const ENV_PREFIX = /(^|[/:])tz(?=[-_.]|$)/g;

/** The same request in environment `prod`: names, tags and aliases of `tz` become `prod`'s. */
function inOtherEnvironment(row: Row): Row {
  const swap = (value: string) => value.replace(ENV_PREFIX, "$1prod");
  const context: Record<string, string | readonly string[]> = {};
  for (const [key, value] of Object.entries(row.context ?? {})) {
    context[key] = typeof value === "string" ? swap(value) : value.map(swap);
  }
  // A key named by no tag or alias (a new key) belongs to prod once prod's tag counts.
  if (row.resource.includes(":key/") && context["aws:ResourceTag/Environment"] === undefined) {
    context["aws:ResourceTag/Environment"] = "prod";
  }
  return { ...row, resource: swap(row.resource), context, expected: "ImplicitlyDenied" };
}

/** The same request on another module's resource of the same environment (`tz-other...`). */
function inOtherModule(row: Row): Row | undefined {
  if (row.resource === "*") return undefined; // names nothing: no module's resource to swap
  if (row.resource.includes(":key/")) {
    return {
      ...row,
      context: {
        ...row.context,
        "aws:ResourceTag/Environment": "tz",
        "kms:ResourceAliases": ["alias/tz-other"],
      },
      expected: "ImplicitlyDenied",
    };
  }
  // The name after the resource type (`role/`, `cluster:`, `:::`) becomes another module's.
  const resource = row.resource.replace(/((?:^arn:aws:s3:::)|[/:])\/?tz[-_][^:/]*/, "$1tz-other");
  return resource === row.resource ? undefined : { ...row, resource, expected: "ImplicitlyDenied" };
}

/**
 * Rows that name nothing of an environment: account-wide calls (`*`) and the account's
 * service-linked roles. A key is always the environment's (by tag, or as the new key of this apply).
 */
const environmentNeutral = (row: Row) =>
  !row.resource.includes(":key/") && !JSON.stringify([row.resource, row.context ?? {}]).includes("tz");

describe.each(Object.keys(TABLES) as Array<keyof typeof documents>)(
  "deploy policy %s, generated rows",
  (profile) => {
    const allowed = TABLES[profile].filter((row) => row.expected === "Allowed");
    const named = allowed.filter((row) => !environmentNeutral(row));
    const crossEnvironment = named.map(inOtherEnvironment);
    // Creating on `*` with the environment's request tag is the same call for every module.
    const crossModule = named.filter((row) => row.resource !== "*").map((row) => inOtherModule(row));

    test("generated rows cover every allowed row; the rest are grants that name no environment", () => {
      expect(crossModule.every((row) => row !== undefined)).toBe(true);
      expect(named.length).toBeGreaterThan(0);
      const neutral = documents[profile].statements.filter(
        (statement) => !templatesOf(statement).some((template) => template.includes("{environment_name}")),
      );
      for (const row of allowed.filter(environmentNeutral)) {
        expect([row.action, neutral.some((statement) => statement.actions.includes(row.action))]).toEqual([
          row.action,
          true,
        ]);
      }
    });

    test.each(crossEnvironment.map((row) => [row.action, row.resource, row] as const))(
      "other environment: ImplicitlyDenied %s on %s",
      async (_action, _resource, row) => {
        expect(await decide(profile, row)).toBe("ImplicitlyDenied");
      },
    );
    test.each(crossModule.flatMap((row) => (row ? [[row.action, row.resource, row] as const] : [])))(
      "other module: ImplicitlyDenied %s on %s",
      async (_action, _resource, row) => {
        expect(await decide(profile, row)).toBe("ImplicitlyDenied");
      },
    );
  },
);

test("a dotted bucket name: the policy grants the alias the module creates (dots as dashes)", async () => {
  const bucket = "tz.state.example";
  const values = {
    ...deployParamValues(env),
    state_bucket_name: bucket,
    ...{ state_key_alias_name: derivedDeployNames({ stateBucketName: bucket }).stateKeyAliasName },
  };
  const alias = (name: string): Row => allow("kms:CreateAlias", `${A}kms:eu-west-1:${ACCT}:alias/${name}`);
  expect(await decide("state_backend", alias("tz-state-example"), values)).toBe("Allowed");
  expect(await decide("state_backend", alias("tz.state.example"), values)).toBe("ImplicitlyDenied");
});

describe("ecs_compute with ecs_role_permissions_boundary_arn set", () => {
  const values = { ...deployParamValues(env), ecs_role_permissions_boundary_arn: BOUNDARY };
  const role = `${A}iam::${ACCT}:role/tz-orchestra-ecs-execution-role-main`;
  const rows: Row[] = [
    // Without the boundary (or with another one) no role can be minted.
    deny("iam:CreateRole", role),
    deny("iam:CreateRole", role, { "iam:PermissionsBoundary": `${A}iam::${ACCT}:policy/other` }),
    allow("iam:CreateRole", role, { "iam:PermissionsBoundary": BOUNDARY }),
    allow("iam:PutRolePermissionsBoundary", role, { "iam:PermissionsBoundary": BOUNDARY }),
    deny("iam:PutRolePermissionsBoundary", role, {
      "iam:PermissionsBoundary": "arn:aws:iam::aws:policy/AdministratorAccess",
    }),
    deny("iam:DeleteRolePermissionsBoundary", role, { "iam:PermissionsBoundary": BOUNDARY }),
    deny("iam:CreateRole", `${A}iam::${ACCT}:role/prod-orchestra-compute-main`, {
      "iam:PermissionsBoundary": BOUNDARY,
    }),
    // The rest of the profile is unchanged.
    allow("iam:PassRole", role, { "iam:PassedToService": "ecs-tasks.amazonaws.com" }),
    allow("iam:UpdateRoleDescription", role),
  ];
  test.each(rows.map((row) => [row.expected, row.action, JSON.stringify(row.context ?? {}), row] as const))(
    "%s %s %s",
    async (_expected, _action, _context, row) => {
      expect(await decide("ecs_compute", row, values)).toBe(row.expected);
    },
  );
});

describe("ecs_compute for another workload (ecs_workload_name, ecs_task_families)", () => {
  const values = {
    ...deployParamValues(env, ["spark"]),
    ecs_workload_name: "billing",
  };
  const rows: Row[] = [
    allow("iam:CreateRole", `${A}iam::${ACCT}:role/tz-billing-compute-main`),
    allow("ecs:CreateCluster", `${A}ecs:eu-west-1:${ACCT}:cluster/tz-billing-compute-cluster-main`),
    allow("s3:CreateBucket", `${A}s3:::tz-billing-artifacts-main`),
    allow("iam:CreatePolicyVersion", `${A}iam::${ACCT}:policy/tz-billing-compute-main-policy`),
    allow("iam:AttachRolePolicy", `${A}iam::${ACCT}:role/tz-billing-compute-main`, {
      "iam:PolicyARN": `${A}iam::${ACCT}:policy/tz-billing-compute-main-policy`,
    }),
    allow("logs:CreateLogGroup", `${A}logs:eu-west-1:${ACCT}:log-group:/tz-billing/ecs-spark`),
    allow("ecs:RegisterTaskDefinition", `${A}ecs:eu-west-1:${ACCT}:task-definition/tz-spark:1`),
    // The default workload's names are no longer reachable.
    deny("iam:CreateRole", `${A}iam::${ACCT}:role/tz-orchestra-compute-main`),
    deny("iam:AttachRolePolicy", `${A}iam::${ACCT}:role/tz-billing-compute-main`, {
      "iam:PolicyARN": `${A}iam::${ACCT}:policy/tz-orchestra-compute-main-policy`,
    }),
    deny("ecs:RegisterTaskDefinition", `${A}ecs:eu-west-1:${ACCT}:task-definition/tz-dbt_core:1`),
    deny("s3:CreateBucket", `${A}s3:::tz-orchestra-artifacts-main`),
  ];
  test.each(rows.map((row) => [row.expected, row.action, row.resource, row] as const))(
    "%s %s on %s",
    async (_expected, _action, _resource, row) => {
      expect(await decide("ecs_compute", row, values)).toBe(row.expected);
    },
  );
});

/**
 * Every row in the other partitions: the policy rendered with the partition's values (ARNs
 * `arn:<partition>:`, `kms:ViaService` with the partition's DNS suffix, the region one of the
 * partition's), the request with the partition's ARNs; and every allowed request aimed at the same
 * name in another partition is denied. Service principals (`ecs-tasks.amazonaws.com`) keep their
 * name in every partition (see the README's partition table).
 */
const PARTITION_REGIONS = { "aws-cn": "cn-north-1", "aws-us-gov": "us-gov-west-1" } as const;

function inPartition(row: Row, partition: string, region: string, dnsSuffix: string): Row {
  const move = (value: string) =>
    value
      .replace(/^arn:aws:/, `arn:${partition}:`)
      .replace(/:eu-west-1:/, `:${region}:`)
      .replace(/-eu-west-1(?=$|[-/.*])/g, `-${region}`);
  const context: Record<string, string | readonly string[]> = {};
  for (const [key, value] of Object.entries(row.context ?? {})) {
    const moved = (text: string) =>
      key === "kms:ViaService"
        ? move(text).replace(/\.eu-west-1\.amazonaws\.com$/, `.${region}.${dnsSuffix}`)
        : move(text);
    context[key] = typeof value === "string" ? moved(value) : value.map(moved);
  }
  return { ...row, resource: move(row.resource), context };
}

describe.each(Object.entries(PARTITION_REGIONS))("partition %s", (partition, region) => {
  const partitionEnv = { ...env, region };
  const values = deployParamValues(partitionEnv);
  const dnsSuffix = String(values.dns_suffix);
  const keyPolicy = JSON.parse(
    JSON.stringify(DEFAULT_KEY_POLICY).replace("arn:aws:", `arn:${partition}:`),
  ) as typeof DEFAULT_KEY_POLICY;
  const decideIn = (profile: keyof typeof documents, row: Row): Promise<Decision> =>
    simulate({
      identityPolicies: [renderConcrete(documents[profile], values)],
      ...(row.resource.includes(":key/") ? { resourcePolicy: keyPolicy } : {}),
      request: {
        action: row.action,
        resource: row.resource,
        context: row.context,
        principal: `arn:${partition}:iam::${ACCT}:role/deployer`,
      },
    });

  test("the rendered policies name only this partition", () => {
    for (const profile of Object.keys(TABLES) as Array<keyof typeof documents>) {
      const text = JSON.stringify(renderConcrete(documents[profile], values));
      expect(text.match(/arn:[a-z-]+:/g)?.every((prefix) => prefix === `arn:${partition}:`)).toBe(true);
    }
  });

  describe.each(Object.keys(TABLES) as Array<keyof typeof documents>)("deploy policy %s", (profile) => {
    const rows = TABLES[profile].map((row) => inPartition(row, partition, region, dnsSuffix));
    test.each(rows.map((row) => [row.expected, row.action, row.resource, row] as const))(
      "%s %s on %s",
      async (_expected, _action, _resource, row) => {
        expect(await decideIn(profile, row)).toBe(row.expected);
      },
    );
    const crossPartition = rows
      .filter((row) => row.expected === "Allowed" && row.resource.startsWith(`arn:${partition}:`))
      .map((row) => ({
        ...row,
        resource: row.resource.replace(`arn:${partition}:`, "arn:aws:"),
        expected: "ImplicitlyDenied" as const,
      }));
    test.each(crossPartition.map((row) => [row.action, row.resource, row] as const))(
      "other partition: ImplicitlyDenied %s on %s",
      async (_action, _resource, row) => {
        expect(await decideIn(profile, row)).toBe("ImplicitlyDenied");
      },
    );
  });
});
