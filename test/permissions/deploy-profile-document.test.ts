import { DEPLOY_PROFILES } from "../../lib/permissions/profiles";
import {
  deployPolicyDocument,
  paramsUsedBy,
  templatesOf,
  unionDocument,
} from "../../lib/permissions/deploy-profile";

/**
 * What the deploy-policies module and the min-provisioner role publish for each profile: the
 * document's id (it names the policy and its output), kind, description and statement ids, as a
 * reviewer reads them in modules-out/. Written out by hand.
 */
const EXPECTED = {
  state_backend: {
    id: "deploy-state-backend",
    sidPrefix: "State",
    description:
      "Deploy the state-backend module: state bucket and settings, its KMS key and alias, the lock table.",
  },
  aurora_cluster: {
    id: "deploy-aurora-cluster",
    sidPrefix: "Aurora",
    description:
      "Deploy one Aurora cluster with its instances, subnet group, cluster parameter group and KMS key.",
  },
  ecs_compute: {
    id: "deploy-ecs-compute",
    sidPrefix: "Ecs",
    description:
      "Deploy the ECS compute module of one workload (seed 004's orchestra by default): cluster, task definitions, task/execution roles and policies, buckets, log groups, KMS key.",
  },
  min_provisioner: {
    id: "deploy-min-provisioner",
    sidPrefix: "MinProv",
    description:
      "Deploy the min-provisioner module: the provisioning role, its managed policies and attachments.",
  },
} as const;

describe("each profile's deploy policy document", () => {
  for (const [profileId, expected] of Object.entries(EXPECTED)) {
    const profile = DEPLOY_PROFILES[profileId as keyof typeof DEPLOY_PROFILES];

    test(`${profileId}: id ${expected.id}, an identity policy, every Sid starting ${expected.sidPrefix}`, () => {
      const document = deployPolicyDocument(profile);
      expect(profile.id).toBe(profileId);
      expect(document.id).toBe(expected.id);
      expect(document.kind).toBe("identity");
      expect(document.description).toBe(expected.description);
      expect(document.statements.length).toBeGreaterThan(0);
      for (const statement of document.statements)
        expect(statement.sid).toMatch(new RegExp(`^${expected.sidPrefix}[A-Z]`));
    });

    test(`${profileId}: derived once, the same frozen document every time`, () => {
      const first = deployPolicyDocument(profile);
      expect(deployPolicyDocument(profile)).toBe(first);
      expect(Object.isFrozen(first.statements)).toBe(true);
    });
  }

  test("ecs_compute may create only ECS's service-linked role", () => {
    const statements = deployPolicyDocument(DEPLOY_PROFILES.ecs_compute).statements.filter((statement) =>
      statement.actions.includes("iam:CreateServiceLinkedRole"),
    );
    expect(statements.map((statement) => statement.conditions)).toEqual([
      { StringEquals: { "iam:AWSServiceName": "ecs.amazonaws.com" } },
    ]);
  });
});

describe("paramsUsedBy: the module variables a document needs, with their worst-case values", () => {
  test("a string parameter and a list parameter, each once", () => {
    const params = paramsUsedBy([
      "arn:${partition}:ecs:${region}:${account_id}:cluster/${environment_name}-x",
      "${ecs_task_definition_arns}",
      "${region}",
    ]);
    expect(Object.keys(params).sort()).toEqual([
      "account_id",
      "ecs_task_definition_arns",
      "environment_name",
      "partition",
      "region",
    ]);
    expect(params.account_id).toEqual({ type: "string", longest: "123456789012" });
    expect(params.region.type).toBe("string");
    expect(params.ecs_task_definition_arns.type).toBe("list");
    expect(Array.isArray(params.ecs_task_definition_arns.longest)).toBe(true);
  });

  test("an unknown parameter is refused by name", () => {
    expect(() => paramsUsedBy(["${no_such_variable}"])).toThrow(
      'Deploy policies use an unknown parameter "no_such_variable".',
    );
  });
});

describe("templatesOf: every template a statement holds", () => {
  test("resources, then condition values, strings and lists alike", () => {
    expect(
      templatesOf({
        sid: "X",
        effect: "Allow",
        actions: ["kms:TagResource"],
        resources: ["arn:aws:kms:${region}:${account_id}:key/*"],
        conditions: {
          StringEquals: { "aws:RequestTag/Environment": "${environment_name}" },
          "ForAllValues:StringEquals": { "kms:ResourceAliases": ["alias/a", "alias/b"] },
        },
      }),
    ).toEqual(["arn:aws:kms:${region}:${account_id}:key/*", "${environment_name}", "alias/a", "alias/b"]);
  });
});

describe("the union of several profiles", () => {
  test("named deploy-least-privileged, described by the profiles it holds, all their statements", () => {
    const profiles = [DEPLOY_PROFILES.state_backend, DEPLOY_PROFILES.min_provisioner];
    const union = unionDocument(profiles);
    expect(union.id).toBe("deploy-least-privileged");
    expect(union.kind).toBe("identity");
    expect(union.description).toBe("Deploy state_backend, min_provisioner.");
    expect(union.statements).toEqual([
      ...deployPolicyDocument(DEPLOY_PROFILES.state_backend).statements,
      ...deployPolicyDocument(DEPLOY_PROFILES.min_provisioner).statements,
    ]);
  });
});
