import { deployPolicyDocuments } from "../../lib/constructs/deploy-policies";
import { deployParamValues } from "../../lib/app/deploy-policy-examples";
import { renderConcrete } from "../../lib/policy/render-concrete";
import { simulate, type Decision } from "../support/simulate";

const env = { environmentName: "tz", accountId: "123456789012", region: "eu-west-1" };
const documents = deployPolicyDocuments();
const policyOf = (profile: keyof typeof documents) =>
  renderConcrete(documents[profile], deployParamValues(env));

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
const KEY = `${A}kms:eu-west-1:${ACCT}:key/1234abcd-12ab-44cd-a6ef-1234567890ab`;
const own = { "aws:ResourceTag/Environment": "tz" };
const other = { "aws:ResourceTag/Environment": "prod" };

const TABLES: Record<keyof typeof documents, Row[]> = {
  state_backend: [
    allow("s3:CreateBucket", `${A}s3:::tz-state-${ACCT}-eu-west-1`),
    allow("s3:PutBucketPolicy", `${A}s3:::tz-state-${ACCT}-eu-west-1`),
    allow("s3:DeleteBucket", `${A}s3:::tz-state-${ACCT}-eu-west-1`),
    allow("dynamodb:CreateTable", `${A}dynamodb:eu-west-1:${ACCT}:table/tz-state-locks`),
    allow("kms:CreateKey", "*", { "aws:RequestTag/Environment": "tz" }),
    allow("kms:PutKeyPolicy", KEY, own),
    allow("kms:CreateAlias", `${A}kms:eu-west-1:${ACCT}:alias/tz-state-${ACCT}-eu-west-1`),
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
    allow("kms:CreateGrant", KEY, { ...own, "kms:ViaService": "rds.eu-west-1.amazonaws.com" }),
    allow(
      "iam:CreateServiceLinkedRole",
      `${A}iam::${ACCT}:role/aws-service-role/rds.amazonaws.com/AWSServiceRoleForRDS`,
      { "iam:AWSServiceName": "rds.amazonaws.com" },
    ),
    deny("rds:DeleteDBCluster", `${A}rds:eu-west-1:${ACCT}:cluster:prod-aurora`),
    deny("rds:ModifyDBCluster", `${A}rds:eu-west-1:${ACCT}:cluster:unrelated`),
    deny("rds:DeleteDBInstance", `${A}rds:eu-west-1:${ACCT}:db:prod-aurora-instance-1`),
    deny("kms:CreateGrant", KEY, own),
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
  ],
  min_provisioner: [
    allow("iam:CreateRole", `${A}iam::${ACCT}:role/tz-MinProvisioner`),
    allow("iam:CreatePolicy", `${A}iam::${ACCT}:policy/tz-MinProvisioner-state_backend-1`),
    allow("iam:AttachRolePolicy", `${A}iam::${ACCT}:role/tz-MinProvisioner`, {
      "iam:PolicyARN": `${A}iam::${ACCT}:policy/tz-MinProvisioner-ecs_compute-1`,
    }),
    allow("iam:DeleteRole", `${A}iam::${ACCT}:role/tz-MinProvisioner`),
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

/** KMS always consults the key policy: the default one, which delegates to the account's IAM policies. */
const DEFAULT_KEY_POLICY = {
  Version: "2012-10-17" as const,
  Statement: [
    {
      Sid: "EnableIamPolicies",
      Effect: "Allow",
      Principal: { AWS: [`arn:aws:iam::${ACCT}:root`] },
      Action: ["kms:*"],
      Resource: ["*"],
    },
  ],
};

describe.each(Object.keys(TABLES) as Array<keyof typeof documents>)("deploy policy %s", (profile) => {
  test.each(TABLES[profile].map((row) => [row.expected, row.action, row.resource, row] as const))(
    "%s %s on %s",
    async (_expected, _action, _resource, row) => {
      const decision = await simulate({
        identityPolicies: [policyOf(profile)],
        ...(row.resource.includes(":key/") ? { resourcePolicy: DEFAULT_KEY_POLICY } : {}),
        request: { action: row.action, resource: row.resource, context: row.context },
      });
      expect(decision).toBe(row.expected);
    },
  );
});
