import { Testing } from "cdktf";
import { DeployPoliciesModule } from "../../lib/stacks/deploy-policies-module";
import type { Settings } from "../../lib/config/schema";
import { unionPolicyDocuments } from "../../lib/constructs/deploy-policies";
import { policySize, renderConcrete } from "../../lib/policy/render-concrete";
import { longestValues } from "../../lib/policy/model";

interface SynthesizedModule {
  output: Record<string, { value: string; precondition?: unknown }>;
  locals: Record<string, string>;
  variable: Record<string, { validation?: unknown[] }>;
}

test("the module outputs one deploy policy per profile and the split union, as Terraform expressions", () => {
  const stack = new DeployPoliciesModule(Testing.app(), {} as Settings);
  const synthesized = JSON.parse(Testing.synth(stack)) as SynthesizedModule;
  expect(Object.keys(synthesized.output).sort()).toEqual([
    "aurora_cluster_deploy_policy_json",
    "aws_least_privileged_policies",
    "ecs_compute_deploy_policy_json",
    "min_provisioner_deploy_policy_json",
    "state_backend_deploy_policy_json",
  ]);
  expect(synthesized.output.state_backend_deploy_policy_json.value).toMatch(/^\$\{jsonencode\(/);
  // ecs_compute can outgrow 6,144 characters in aws-us-gov: its policy is a local the output checks.
  expect(synthesized.output.ecs_compute_deploy_policy_json.value).toBe(
    "${local.ecs_compute_deploy_policy_json}",
  );
  expect(synthesized.locals.ecs_compute_deploy_policy_json).toMatch(/^\$\{jsonencode\(/);
  expect(JSON.stringify(synthesized.output.ecs_compute_deploy_policy_json.precondition)).toContain(
    "length(local.ecs_compute_deploy_policy_json) <= 6144",
  );
  for (const name of [
    "environment_name",
    "account_id",
    "region",
    "state_bucket_name",
    "aurora_cluster_identifier",
  ]) {
    expect(synthesized.variable[name].validation).toHaveLength(1);
  }
  expect(stack.docs.sections?.join("\n")).toContain("vs seed 004");
});

test("the union is split into documents that each fit 6,144 characters at worst-case values", () => {
  const documents = unionPolicyDocuments();
  expect(documents.length).toBeGreaterThan(1);
  for (const document of documents) {
    expect(policySize(renderConcrete(document, longestValues(document)))).toBeLessThanOrEqual(6144);
  }
  const sids = documents.flatMap((document) => document.statements.map((statement) => statement.sid));
  expect(new Set(sids).size).toBe(sids.length);
});
