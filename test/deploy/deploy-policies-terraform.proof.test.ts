import { existsSync } from "node:fs";
import { join } from "node:path";
import { deployPolicyDocuments, unionPolicyDocuments } from "../../lib/constructs/deploy-policies";
import { deployParamValues } from "../../lib/app/deploy-policy-examples";
import { DEPLOY_PROFILE_IDS } from "../../lib/permissions/deploy-profile";
import type { ParamValues } from "../../lib/policy/model";
import { renderConcrete, type ConcretePolicy } from "../../lib/policy/render-concrete";
import { defaultKeyPolicy, simulate } from "../support/simulate";
import { applyRootModule, tfDescribe, tfTest, type ApplyResult } from "../support/terraform";

/**
 * Terraform evaluates the packaged deploy-policies module (provider-free) for sample values: every
 * `*_deploy_policy_json` equals the engine's rendering of the same document, the union parts fit
 * 6,144 characters and, taken together, pass a few allow/deny rows.
 */
const MODULE = join(__dirname, "..", "..", "modules-out", "hcl", "deploy-policies");

const ACCOUNT = "123456789012";
const env = { environmentName: "tz", accountId: ACCOUNT, region: "eu-west-1" };
type Inputs = Record<string, string | readonly string[]>;
const CONFIGS: ReadonlyArray<[string, Inputs, ParamValues]> = [
  ["default names", {}, deployParamValues(env)],
  // A dotted bucket: terraform's replace() must give the alias the state-backend module creates.
  [
    "dotted bucket name",
    { state_bucket_name: "acme.tf.state" },
    {
      ...deployParamValues(env),
      state_bucket_name: "acme.tf.state",
      state_key_alias_name: "acme-tf-state",
      lock_table_name: "acme.tf.state-locks",
    },
  ],
  [
    "custom names",
    {
      state_bucket_name: "acme-tf-state",
      lock_table_name: "acme-locks",
      aurora_cluster_identifier: "acme-db",
      min_provisioner_role_name: "Deployer",
    },
    {
      ...deployParamValues(env),
      state_bucket_name: "acme-tf-state",
      state_key_alias_name: "acme-tf-state",
      lock_table_name: "acme-locks",
      aurora_cluster_identifier: "acme-db",
      min_provisioner_role_name: "Deployer",
    },
  ],
  [
    "another ECS workload with a role boundary",
    {
      ecs_workload_name: "billing",
      ecs_task_families: ["spark"],
      ecs_role_permissions_boundary_arn: `arn:aws:iam::${ACCOUNT}:policy/ecs-boundary`,
    },
    {
      ...deployParamValues(env, ["spark"]),
      ecs_workload_name: "billing",
      ecs_role_permissions_boundary_arn: `arn:aws:iam::${ACCOUNT}:policy/ecs-boundary`,
    },
  ],
];

function applyWith(names: Inputs): ApplyResult {
  const args = Object.entries({
    environment_name: env.environmentName,
    account_id: env.accountId,
    region: env.region,
    ...names,
  }).map(([name, value]) => `  ${name} = ${JSON.stringify(value)}`);
  const outputs = DEPLOY_PROFILE_IDS.flatMap((id) => [
    `output "${id}" { value = jsondecode(module.deploy.${id}_deploy_policy_json) }`,
    `output "${id}_size" { value = length(replace(module.deploy.${id}_deploy_policy_json, "/\\\\s/", "")) }`,
  ]);
  return applyRootModule({
    "main.tf": [
      `module "deploy" {`,
      `  source = "${MODULE}"`,
      ...args,
      `}`,
      ...outputs,
      `output "union" { value = [for p in module.deploy.aws_least_privileged_policies : jsondecode(p)] }`,
      `output "union_sizes" { value = [for p in module.deploy.aws_least_privileged_policies : length(replace(p, "/\\\\s/", ""))] }`,
      "",
    ].join("\n"),
  });
}

const KEY = `arn:aws:kms:eu-west-1:${ACCOUNT}:key/1234abcd-12ab-44cd-a6ef-1234567890ab`;
const DEFAULT_KEY_POLICY = defaultKeyPolicy(ACCOUNT);

tfDescribe.each(CONFIGS)("terraform evaluates deploy-policies with %s", (_name, names, values) => {
  let result: ApplyResult;
  beforeAll(() => {
    // The committed module: modules-out/ is generated, and `npm run diff` fails when it is stale.
    if (!existsSync(join(MODULE, "outputs.tf"))) throw new Error(`${MODULE} is missing; run npx cdktf synth`);
    result = applyWith(names);
  });

  test("each *_deploy_policy_json equals the engine's rendering for the same values", () => {
    expect(result.log).toBe(result.ok ? result.log : "");
    const documents = deployPolicyDocuments();
    for (const profile of DEPLOY_PROFILE_IDS) {
      expect(result.outputs[profile]).toEqual(renderConcrete(documents[profile], values));
    }
  });

  test("aws_least_privileged_policies equals the split union, each part within 6,144 characters", () => {
    expect(result.outputs.union).toEqual(
      unionPolicyDocuments().map((document) => renderConcrete(document, values)),
    );
    const sizes = result.outputs.union_sizes as number[];
    expect(sizes.length).toBeGreaterThan(1);
    for (const size of sizes) expect(size).toBeLessThanOrEqual(6144);
  });

  test("the union parts together allow each profile's own resources and deny others'", async () => {
    const union = result.outputs.union as ConcretePolicy[];
    const bucket = String(values.state_bucket_name);
    const cluster = String(values.aurora_cluster_identifier);
    const role = `tz-${String(values.min_provisioner_role_name)}`;
    const workload = String(values.ecs_workload_name);
    const rows: Array<[string, string, Record<string, string> | undefined, boolean]> = [
      ["s3:CreateBucket", `arn:aws:s3:::${bucket}`, undefined, true],
      ["s3:CreateBucket", "arn:aws:s3:::prod-state-bucket", undefined, false],
      ["rds:CreateDBCluster", `arn:aws:rds:eu-west-1:${ACCOUNT}:cluster:${cluster}`, undefined, true],
      ["rds:DeleteDBCluster", `arn:aws:rds:eu-west-1:${ACCOUNT}:cluster:prod-aurora`, undefined, false],
      [
        "logs:CreateLogGroup",
        `arn:aws:logs:eu-west-1:${ACCOUNT}:log-group:/tz-${workload}/ecs-dbt`,
        undefined,
        true,
      ],
      [
        "logs:DeleteLogGroup",
        `arn:aws:logs:eu-west-1:${ACCOUNT}:log-group:/prod-${workload}/ecs-dbt`,
        undefined,
        false,
      ],
      ["iam:CreateRole", `arn:aws:iam::${ACCOUNT}:role/${role}`, undefined, true],
      ["iam:CreateRole", `arn:aws:iam::${ACCOUNT}:role/Admin`, undefined, false],
      ["kms:ScheduleKeyDeletion", KEY, { "aws:ResourceTag/Environment": "tz" }, true],
      ["kms:ScheduleKeyDeletion", KEY, { "aws:ResourceTag/Environment": "prod" }, false],
    ];
    for (const [action, resource, context, allowed] of rows) {
      const decision = await simulate({
        identityPolicies: union,
        ...(resource.includes(":key/") ? { resourcePolicy: DEFAULT_KEY_POLICY } : {}),
        request: { action, resource, context },
      });
      expect([action, resource, decision]).toEqual([
        action,
        resource,
        allowed ? "Allowed" : "ImplicitlyDenied",
      ]);
    }
  });
});

/**
 * The longest value each variable's own validation accepts (its regex and length bound, read in
 * modules-out/hcl/deploy-policies/variables.tf), so the size limit is checked by Terraform's count
 * at the worst case a caller can reach, not at the longest values the engine assumes.
 */
const LONGEST_ACCEPTED: Inputs = {
  environment_name: "e".repeat(16), // ^[a-z][a-z0-9-]*[a-z0-9]$, at most 16
  account_id: "1".repeat(12), // ^[0-9]{12}$
  region: "aa-aaaaaaaaaaa-1", // ^[a-z]{2}(-[a-z]+)+-[0-9]$, at most 16: 2 + 12 + 2
  state_bucket_name: "b".repeat(63), // at most 63
  lock_table_name: "l".repeat(255), // ^[A-Za-z0-9_.-]{3,255}$
  aurora_cluster_identifier: "a".repeat(51), // ^[a-z](-?[a-z0-9])*$, at most 51
  min_provisioner_role_name: "r".repeat(47), // at most 47
  ecs_workload_name: "w".repeat(16), // ^[a-z][a-z0-9-]*[a-z0-9]$, at most 16
  ecs_task_families: ["a", "b", "c"].map((letter) => letter.repeat(20)), // at most 3, each at most 20
  ecs_role_permissions_boundary_arn: `arn:aws-us-gov:iam::${"1".repeat(12)}:policy/${"p".repeat(140 - 40)}`, // at most 140
};

/**
 * ecs_compute's one policy outgrows 6,144 characters at the longest names (KMS management needs the
 * key's Environment tag): its output's precondition stops the plan, naming the size and the split
 * union to use instead, before IAM would refuse the policy.
 */
const ECS_OVER_LIMIT =
  /The ecs_compute deploy policy is \d+ characters, over IAM's 6144-character managed-policy limit .*use aws_least_privileged_policies/;

tfTest("with the longest names and no ECS role boundary, Terraform counts every policy within 6,144", () => {
  // The boundary left at its default, null: the variant with the unconditioned CreateRole.
  const result = applyWith(
    Object.fromEntries(
      Object.entries(LONGEST_ACCEPTED).filter(([name]) => name !== "ecs_role_permissions_boundary_arn"),
    ),
  );
  expect(result.log).toBe(result.ok ? result.log : "");
  for (const id of DEPLOY_PROFILE_IDS)
    expect([id, (result.outputs[`${id}_size`] as number) <= 6144]).toEqual([id, true]);
  for (const size of result.outputs.union_sizes as number[]) expect(size).toBeLessThanOrEqual(6144);
});

tfTest(
  "with the longest names and a 140-character ECS role boundary, only ecs_compute's own output is over 6,144",
  () => {
    const result = applyWith(LONGEST_ACCEPTED);
    expect(result.ok).toBe(false);
    const log = result.log.replace(/\s+/g, " ");
    expect(log).toMatch(ECS_OVER_LIMIT);
    for (const id of DEPLOY_PROFILE_IDS.filter((profile) => profile !== "ecs_compute"))
      expect(log).not.toContain(`The ${id} deploy policy is`);
  },
);
