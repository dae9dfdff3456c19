import { deployPermissionsMarkdown } from "../../lib/permissions/deploy-docs";

/**
 * The lines of a module README's "Permissions to deploy" a reviewer acts on: which argument-triggered
 * calls are granted, why an action is granted on `*`, and the guards of the ECS role statements.
 * Expected lines written by hand from the decisions they record.
 */
const lines = (profile: Parameters<typeof deployPermissionsMarkdown>[0]) =>
  deployPermissionsMarkdown(profile).split("\n");

describe("aurora_cluster's README section", () => {
  const text = lines("aurora_cluster");

  test("starts with the heading and the profile's description", () => {
    expect(text[0]).toBe("## Permissions to deploy");
    expect(text[2]).toMatch(
      /^Deploy one Aurora cluster with its instances, subnet group, cluster parameter group and KMS key\. Derived from the resources by `lib\/permissions`; the deploy-policies module outputs it as `aurora_cluster_deploy_policy_json`\./,
    );
  });

  test("argument-triggered calls: granted where the module may set the argument, else not", () => {
    expect(text).toEqual(
      expect.arrayContaining([
        "| `aws_rds_cluster` | `iam_roles` | `rds:AddRoleToDBCluster`, `rds:RemoveRoleFromDBCluster`, `iam:PassRole` | not granted |",
        "| `aws_rds_cluster` | `manage_master_user_password` | `secretsmanager:CreateSecret`, `secretsmanager:TagResource` | granted |",
        "| `aws_rds_cluster_instance` | `ca_cert_identifier` | `rds:RebootDBInstance` | granted |",
        "| `aws_rds_cluster_instance` | `monitoring_role_arn` | `iam:PassRole` | not granted |",
      ]),
    );
  });

  test("every action granted on * is listed once with its reason", () => {
    expect(text.filter((line) => line.startsWith("- `"))).toEqual([
      "- `kms:CreateKey`: AWS gives the action no resource type.",
      "- `kms:ListAliases`: AWS gives the action no resource type.",
      "- `rds:DescribeGlobalClusters`: every read of aws_rds_cluster looks up the global cluster the cluster may belong to, filtering by the cluster's ARN; the request names no global cluster.",
      "- `sts:GetCallerIdentity`: AWS gives the action no resource type.",
    ]);
  });
});

describe("ecs_compute's README section", () => {
  const text = lines("ecs_compute");

  test("the role statements show their condition and the guard on the boundary variable", () => {
    expect(text).toEqual(
      expect.arrayContaining([
        "| EcsIamRoleUnbounded | `iam:CreateRole` | `arn:{partition}:iam::{account_id}:role/{environment_name}-{ecs_workload_name}-*` | only when `{ecs_role_permissions_boundary_arn}` is null |",
        "| EcsIamRoleBounded | `iam:CreateRole`, `iam:PutRolePermissionsBoundary` | `arn:{partition}:iam::{account_id}:role/{environment_name}-{ecs_workload_name}-*` | StringEquals `iam:PermissionsBoundary` = `{ecs_role_permissions_boundary_arn}`; only when `{ecs_role_permissions_boundary_arn}` is set |",
      ]),
    );
  });

  test("a boundary may only be put with the module's boundary, never removed", () => {
    expect(text).toContain(
      "| `aws_iam_role` | `permissions_boundary` | `iam:PutRolePermissionsBoundary`, `iam:DeleteRolePermissionsBoundary` | only `iam:PutRolePermissionsBoundary` with `{ecs_role_permissions_boundary_arn}`, when set (removing a boundary would lift it) |",
    );
    expect(text).toContain(
      "| `aws_cloudwatch_log_group` | `deletion_protection_enabled` | `logs:PutLogGroupDeletionProtection` | not granted |",
    );
    expect(
      text.some((line) =>
        line.includes(
          "**With `ecs_role_permissions_boundary_arn` null (the default) this policy is an escalation path:**",
        ),
      ),
    ).toBe(true);
  });
});

describe("state_backend's README section", () => {
  test("no role boundary note: the profile creates no role", () => {
    expect(deployPermissionsMarkdown("state_backend")).not.toContain("escalation path");
  });

  test("a custom heading replaces the default", () => {
    expect(lines("state_backend")[0]).toBe("## Permissions to deploy");
    expect(deployPermissionsMarkdown("state_backend", "### `state_backend`").split("\n")[0]).toBe(
      "### `state_backend`",
    );
  });
});
