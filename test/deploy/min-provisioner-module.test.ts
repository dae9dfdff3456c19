import { partResourceName, profilePolicies } from "../../lib/constructs/min-provisioner-role";
import { DEPLOY_PROFILE_IDS } from "../../lib/permissions/deploy-profile";
import { policySize, renderConcrete } from "../../lib/policy/render-concrete";
import { longestValues } from "../../lib/policy/model";
import { synthesizedMinProvisioner, unwrap } from "./min-provisioner-fixture";

const { stack, json } = synthesizedMinProvisioner();
const role = json.resource.aws_iam_role.this;
const policies = json.resource.aws_iam_policy;
const attachments = json.resource.aws_iam_role_policy_attachment;

describe("min-provisioner module: synthesized role", () => {
  test("the role is <environment_name>-<role_name>, tagged with the environment, with the module's limits", () => {
    expect(role).toMatchObject({
      name: "${var.environment_name}-${var.role_name}",
      // Written out, not through a local: checkov reads a trust policy only in the attribute.
      assume_role_policy: `\${${unwrap(json.locals.trust_policy)}}`,
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
    }
    expect(Object.keys(policies).sort()).toEqual(entries.map((entry) => partResourceName(entry.key)).sort());
  });

  test("each part is its own aws_iam_policy, its document written literally (a scanner reads it), created when its profile is selected", () => {
    for (const entry of profilePolicies()) {
      const policy = policies[partResourceName(entry.key)];
      expect(policy.count).toBe(`\${contains(var.deploy_profiles, "${entry.profile}") ? 1 : 0}`);
      expect(policy.name).toBe(`\${var.environment_name}-\${var.role_name}-${entry.key}`);
      expect(unwrap(String(policy.policy))).toMatch(/^jsonencode\(\{/);
      expect(policy.policy).not.toContain("each.");
      expect(policy.tags).toEqual({ Environment: "${var.environment_name}" });
    }
    expect(json.locals.deploy_policies).toBeUndefined();
  });

  test("each created policy is attached to the role", () => {
    for (const entry of profilePolicies()) {
      const name = partResourceName(entry.key);
      expect(attachments[name]).toEqual({
        count: `\${contains(var.deploy_profiles, "${entry.profile}") ? 1 : 0}`,
        policy_arn: `\${aws_iam_policy.${name}[count.index].arn}`,
        role: "${aws_iam_role.this.name}",
      });
    }
  });

  test("moved blocks carry every instance of the former for_each resources to its part, so an upgrade replaces nothing", () => {
    const expected = profilePolicies().flatMap((entry) => [
      { from: `aws_iam_policy.this["${entry.key}"]`, to: `aws_iam_policy.${partResourceName(entry.key)}[0]` },
      {
        from: `aws_iam_role_policy_attachment.this["${entry.key}"]`,
        to: `aws_iam_role_policy_attachment.${partResourceName(entry.key)}[0]`,
      },
    ]);
    expect(json.moved).toEqual(expected);
  });

  test("the deploy policies use this account and region from the provider's data sources", () => {
    expect(Object.keys(json.data).sort()).toEqual(["aws_caller_identity", "aws_partition", "aws_region"]);
    expect(json.locals.partition).toBe("${data.aws_partition.current.partition}");
    expect(json.locals.dns_suffix).toBe("${data.aws_partition.current.dns_suffix}");
    expect(json.locals.account_id).toBe("${data.aws_caller_identity.current.account_id}");
    expect(json.locals.region).toBe("${data.aws_region.current.id}");
    expect(policies.state_backend_1.policy).toContain(":${local.region}:${local.account_id}:");
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
    const byKey = profilePolicies().map(
      (entry) => `"${entry.key}" = aws_iam_policy.${partResourceName(entry.key)}[*].arn`,
    );
    expect(unwrap(json.locals.policy_arn_lists)).toBe(`{${byKey.join(", ")}}`);
    expect(unwrap(json.output.policy_arns.value)).toBe(
      "{for key, arns in local.policy_arn_lists : key => one(arns) if length(arns) > 0}",
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
