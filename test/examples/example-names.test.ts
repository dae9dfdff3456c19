import { wildcardMatches } from "../../lib/iam/match";
import {
  auroraClusterIdentifier,
  auroraClusterParameterGroup,
  auroraFinalSnapshot,
  auroraInstances,
  auroraKeyAlias,
  auroraSubnetGroup,
} from "../../lib/naming/aurora";
import { ECS_ROLE_BOUNDARY_PARAM } from "../../lib/naming/deploy-policies";
import {
  DEFAULT_ECS_TASK_FAMILIES,
  DEFAULT_ECS_WORKLOAD_NAME,
  ecsComputeCluster,
  ecsComputeLogGroups,
  ecsComputePolicies,
  ecsComputeRoles,
  ecsComputeTaskDefinition,
} from "../../lib/naming/ecs-compute";
import { auroraClusterProfile } from "../../lib/permissions/profiles/aurora-cluster";
import { ecsComputeProfile } from "../../lib/permissions/profiles/ecs-compute";
import type { DeployProfile } from "../../lib/permissions/deploy-profile";
import { ExampleEvaluator, readExample } from "./example-config";

/**
 * The aurora-cluster and ecs-compute examples name every resource of their deploy profile exactly
 * as lib/naming does for the example's default variables, so the profile's policy (scoped to those
 * names) is the one that deploys them. Names are read from the HCL (@cdktf/hcl2json) and evaluated
 * at the defaults; the expected names come from lib/naming, never from the example.
 */

const ACCOUNT = "123456789012";
/** Types that take no tags. */
const UNTAGGED = ["aws_iam_role_policy_attachment", "aws_kms_alias"];

const namesOf = (example: ExampleEvaluator, type: string, argument: string): string[] =>
  example.resources(type).flatMap((resource) => example.argumentOf(resource, argument));

const profileTypes = (profile: DeployProfile): string[] =>
  [...new Set(profile.derive.resources.map((resource) => resource.type))].sort();

function expectEachFits(pattern: string, names: readonly string[]): void {
  expect(names.length).toBeGreaterThan(0);
  for (const name of names)
    expect({ name, pattern, fits: wildcardMatches(pattern, name) }).toMatchObject({ fits: true });
}

/** Every taggable resource carries local.tags, whose last word is Environment = <environment_name>. */
function expectEnvironmentTagged(example: ExampleEvaluator): void {
  expect(example.rawLocal("tags")).toBe("${merge(var.tags, { Environment = var.environment_name })}");
  for (const type of example.types().filter((type) => !UNTAGGED.includes(type)))
    for (const resource of example.resources(type))
      expect({ resource: `${type}.${resource.name}`, tags: resource.body.tags }).toEqual({
        resource: `${type}.${resource.name}`,
        tags: expect.stringMatching(/^\$\{(local\.tags|merge\(local\.tags, .*\))\}$/s),
      });
}

describe("examples/aurora-cluster", () => {
  let example: ExampleEvaluator;
  let id: string;
  let region: string;
  beforeAll(async () => {
    example = new ExampleEvaluator(await readExample("aurora-cluster"));
    id = auroraClusterIdentifier(String(example.variableDefault("environment_name")));
    region = String(example.variableDefault("region"));
  });

  test("creates every resource type of the aurora_cluster profile, and besides only its network", () => {
    const profile = profileTypes(auroraClusterProfile);
    expect(profile.filter((type) => !example.types().includes(type))).toEqual([]);
    expect(example.types().filter((type) => !profile.includes(type))).toEqual([
      "aws_security_group",
      "aws_subnet",
      "aws_vpc",
    ]);
  });

  test("the cluster, its final snapshot, subnet group, parameter group and key alias have the profile's names", () => {
    expect(namesOf(example, "aws_rds_cluster", "cluster_identifier")).toEqual([id]);
    expect(namesOf(example, "aws_rds_cluster", "final_snapshot_identifier")).toEqual([
      auroraFinalSnapshot(id, region, ACCOUNT).name,
    ]);
    expect(namesOf(example, "aws_db_subnet_group", "name")).toEqual([
      auroraSubnetGroup(id, region, ACCOUNT).name,
    ]);
    expect(namesOf(example, "aws_rds_cluster_parameter_group", "name")).toEqual([
      auroraClusterParameterGroup(id, region, ACCOUNT).name,
    ]);
    expect(namesOf(example, "aws_kms_alias", "name")).toEqual([auroraKeyAlias(id, region, ACCOUNT).name]);
  });

  test("each of the instance_count instances is named by the profile's instance pattern", () => {
    const instances = namesOf(example, "aws_rds_cluster_instance", "identifier");
    expect(instances).toHaveLength(Number(example.variableDefault("instance_count")));
    expectEachFits(auroraInstances(id, region, ACCOUNT).name, instances);
  });

  test("every taggable resource is tagged Environment = environment_name (the key needs it to be created)", () => {
    expectEnvironmentTagged(example);
  });
});

describe("examples/ecs-compute", () => {
  let example: ExampleEvaluator;
  let env: string;
  let workload: string;
  let region: string;
  beforeAll(async () => {
    example = new ExampleEvaluator(await readExample("ecs-compute"));
    env = String(example.variableDefault("environment_name"));
    workload = String(example.variableDefault("ecs_workload_name"));
    region = String(example.variableDefault("region"));
  });

  test("defaults to seed 004's workload and task families, the deploy-policies module's defaults", () => {
    expect(workload).toBe(DEFAULT_ECS_WORKLOAD_NAME);
    expect(example.variableDefault("ecs_task_families")).toEqual(DEFAULT_ECS_TASK_FAMILIES);
  });

  test("creates only resource types of the ecs_compute profile, besides its network and the service", () => {
    const profile = profileTypes(ecsComputeProfile);
    expect(example.types().filter((type) => !profile.includes(type))).toEqual([
      "aws_ecs_service",
      "aws_security_group",
      "aws_subnet",
      "aws_vpc",
    ]);
  });

  test("the cluster and one log group per family have the profile's names", () => {
    expectEachFits(
      ecsComputeCluster(env, workload, region, ACCOUNT).name,
      namesOf(example, "aws_ecs_cluster", "name"),
    );
    const groups = namesOf(example, "aws_cloudwatch_log_group", "name");
    expect(groups).toHaveLength(DEFAULT_ECS_TASK_FAMILIES.length);
    expectEachFits(ecsComputeLogGroups(env, workload, region, ACCOUNT).name, groups);
  });

  test("one task definition per family, each in that family's pattern", () => {
    const families = namesOf(example, "aws_ecs_task_definition", "family");
    expect(families).toHaveLength(DEFAULT_ECS_TASK_FAMILIES.length);
    for (const family of DEFAULT_ECS_TASK_FAMILIES) {
      const pattern = ecsComputeTaskDefinition(env, family, region, ACCOUNT).name;
      const matching = families.filter((name) => wildcardMatches(pattern, name));
      expect({ family, matching: matching.length }).toEqual({ family, matching: 1 });
    }
  });

  test("roles and policies have the profile's names, at the default path", () => {
    expectEachFits(ecsComputeRoles(env, workload, ACCOUNT).name, namesOf(example, "aws_iam_role", "name"));
    expectEachFits(
      ecsComputePolicies(env, workload, ACCOUNT).name,
      namesOf(example, "aws_iam_policy", "name"),
    );
    for (const resource of [...example.resources("aws_iam_role"), ...example.resources("aws_iam_policy")])
      expect({ resource: resource.name, path: resource.body.path }).toEqual({
        resource: resource.name,
        path: undefined,
      });
  });

  test("roles get only the example's own policies, and the profile's boundary input", () => {
    const attachments = example.resources("aws_iam_role_policy_attachment");
    expect(attachments.length).toBeGreaterThan(0);
    for (const attachment of attachments)
      expect(attachment.body.policy_arn).toMatch(/^\$\{aws_iam_policy\.\w+(\[each\.key\])?\.arn\}$/);
    expect(example.variableDefault(ECS_ROLE_BOUNDARY_PARAM)).toBeNull();
    for (const role of example.resources("aws_iam_role"))
      expect(role.body.permissions_boundary).toBe(`\${var.${ECS_ROLE_BOUNDARY_PARAM}}`);
  });

  test("every taggable resource is tagged Environment = environment_name", () => {
    expectEnvironmentTagged(example);
  });
});
