import { profilePolicies } from "../../lib/constructs/min-provisioner-role";
import { DEPLOY_PROFILE_IDS } from "../../lib/permissions/deploy-profile";
import { policySize, renderConcrete } from "../../lib/policy/render-concrete";
import { longestValues } from "../../lib/policy/model";
import { synthesizedMinProvisioner, unwrap } from "./min-provisioner-fixture";

const { stack, json } = synthesizedMinProvisioner();
const role = json.resource.aws_iam_role.this;
const policy = json.resource.aws_iam_policy.this;
const attachment = json.resource.aws_iam_role_policy_attachment.this;

describe("min-provisioner module: synthesized role", () => {
  test("the role is <environment_name>-<role_name>, tagged with the environment, with the module's limits", () => {
    expect(role).toMatchObject({
      name: "${var.environment_name}-${var.role_name}",
      assume_role_policy: "${local.trust_policy}",
      max_session_duration: "${var.max_session_duration}",
      permissions_boundary: "${var.permissions_boundary_arn}",
      tags: { Environment: "${var.environment_name}" },
    });
  });

  test("a precondition stops the plan when the rendered trust policy is over 2,048 characters", () => {
    expect(role.lifecycle.precondition).toEqual([
      {
        condition: "${length(local.trust_policy) <= 2048}",
        error_message: expect.stringContaining("over IAM's default limit of 2048") as unknown,
      },
      // The other precondition: see min-provisioner-partition.test.ts.
      expect.objectContaining({ condition: expect.stringContaining("data.aws_partition.current.partition") }),
    ]);
  });
});

describe("min-provisioner module: policies per selected profile", () => {
  test("one policy per document of every profile, keyed <profile>-<n>, each within 6,144 characters", () => {
    const entries = profilePolicies();
    for (const profile of DEPLOY_PROFILE_IDS) {
      expect(entries.filter((entry) => entry.profile === profile).map((entry) => entry.key)[0]).toBe(
        `${profile}-1`,
      );
    }
    for (const entry of entries) {
      expect(policySize(renderConcrete(entry.document, longestValues(entry.document)))).toBeLessThanOrEqual(
        6144,
      );
      expect(json.locals.deploy_policies).toContain(
        `"${entry.key}" = {profile = "${entry.profile}", policy = jsonencode(`,
      );
    }
  });

  test("aws_iam_policy iterates over the map filtered by deploy_profiles, named from lib/naming", () => {
    expect(policy.for_each).toBe(
      "${{for key, entry in local.deploy_policies : key => entry if contains(var.deploy_profiles, entry.profile)}}",
    );
    expect(policy.name).toBe("${var.environment_name}-${var.role_name}-${each.key}");
    expect(policy.policy).toBe("${each.value.policy}");
    expect(policy.tags).toEqual({ Environment: "${var.environment_name}" });
  });

  test("each created policy is attached to the role", () => {
    expect(attachment).toEqual({
      for_each: "${aws_iam_policy.this}",
      policy_arn: "${each.value.arn}",
      role: "${aws_iam_role.this.name}",
    });
  });

  test("the deploy policies use this account and region from the provider's data sources", () => {
    expect(Object.keys(json.data).sort()).toEqual(["aws_caller_identity", "aws_partition", "aws_region"]);
    expect(json.locals.partition).toBe("${data.aws_partition.current.partition}");
    expect(json.locals.dns_suffix).toBe("${data.aws_partition.current.dns_suffix}");
    expect(json.locals.account_id).toBe("${data.aws_caller_identity.current.account_id}");
    expect(json.locals.region).toBe("${data.aws_region.current.id}");
    expect(json.locals.deploy_policies).toContain(":${local.region}:${local.account_id}:");
    expect(json.locals.state_bucket_name).toBe(
      '${coalesce(var.state_bucket_name, "${var.environment_name}-state-${local.account_id}-${local.region}")}',
    );
  });
});

describe("min-provisioner module: interface", () => {
  test("inputs, defaults and validations", () => {
    const v = json.variable;
    expect(v.role_name.default).toBe("MinProvisioner");
    expect(v.require_mfa.default).toBe(false);
    expect(v.max_session_duration.default).toBe(3600);
    expect(v.external_id.default).toBeNull();
    expect(v.permissions_boundary_arn.default).toBeNull();
    // Every profile but min_provisioner: a role holding that one could rewrite its own policies.
    expect(v.deploy_profiles.default).toEqual(["state_backend", "aurora_cluster", "ecs_compute"]);
    expect(v.trusted_principal_arns.default).toBeUndefined();
    expect(v.trusted_principal_arns.validation).toHaveLength(2);
    // Known profiles, and min_provisioner only with a permissions boundary.
    expect(v.deploy_profiles.validation).toHaveLength(2);
    for (const name of ["environment_name", "role_name", "external_id", "max_session_duration"]) {
      expect(v[name].validation).toHaveLength(1);
    }
  });

  test("outputs role_arn, role_name and policy_arns by key", () => {
    expect(json.output.role_arn.value).toBe("${aws_iam_role.this.arn}");
    expect(json.output.role_name.value).toBe("${aws_iam_role.this.name}");
    expect(unwrap(json.output.policy_arns.value)).toBe(
      "{for key, policy in aws_iam_policy.this : key => policy.arn}",
    );
  });

  test("the README embeds the permissions to deploy this module and a usage example", () => {
    const sections = stack.docs.sections?.join("\n") ?? "";
    expect(sections).toContain("## Permissions to deploy");
    expect(sections).toContain(
      "arn:{partition}:iam::{account_id}:role/{environment_name}-{min_provisioner_role_name}",
    );
    expect(sections).toContain('module "min_provisioner"');
  });
});
