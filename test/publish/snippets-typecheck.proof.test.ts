import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { moduleExamples } from "../../lib/app/module-examples";
import { loadSettings } from "../../lib/config/load-settings";
import { moduleInterface } from "../../lib/diff/module-interface";
import { modulePermissions } from "../../lib/diff/module-permissions";
import { readTree } from "../../lib/diff/read-tree";
import { consumerSnippets, type ConsumerSnippets } from "../../lib/publish/snippets";
import { TERRAFORM, requireTerraform, runTerraform, tfTest } from "../support/terraform";
import { compileInStacks } from "../support/compile-snippets";

const PROJECT = join(__dirname, "..", "..");
const MODULES = ["state-backend", "state-access-policy", "deploy-policies", "min-provisioner"];
const PROVIDER_FREE = ["state-access-policy", "deploy-policies"];

describe("consumer snippets of every generated module type-check", () => {
  let base: string;
  const snippets = new Map<string, ConsumerSnippets>();
  const snippetOf = (module: string): ConsumerSnippets => {
    const snippet = snippets.get(module);
    if (!snippet) throw new Error(`no snippet for ${module}`);
    return snippet;
  };
  beforeAll(async () => {
    base = mkdtempSync(join(tmpdir(), "stm-snippets-"));
    const tree = readTree(join(PROJECT, "modules-out"));
    const examples = moduleExamples(loadSettings(PROJECT));
    const [evaluated] = TERRAFORM ? await modulePermissions([tree], MODULES, examples) : [new Map()];
    for (const module of MODULES) {
      const outputs: Record<string, unknown> = {};
      for (const evaluation of evaluated.get(module)?.values() ?? [])
        if (evaluation.ok)
          for (const [name, value] of Object.entries(evaluation.outputs)) outputs[name] ??= value;
      snippets.set(
        module,
        consumerSnippets(
          "https://example.com/repo.git",
          module,
          `${module}-v1.0.0`,
          moduleInterface(tree, module),
          {
            inputs: examples.probes[0].inputs,
            outputs,
          },
        ),
      );
    }
  });
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  tfTest("list inputs are lists and outputs use the accessor of their type", () => {
    const provisioner = snippetOf("min-provisioner");
    expect(provisioner.hcl).toMatch(
      /trusted_principal_arns = \["arn:aws:iam::123456789012:role\/platform-ci"\]/,
    );
    expect(provisioner.typescript).toContain(
      'trusted_principal_arns: ["arn:aws:iam::123456789012:role/platform-ci"],',
    );
    expect(provisioner.typescript).toContain(
      'const policyArns = Token.asStringMap(minProvisioner.get("policy_arns"));',
    );
    expect(provisioner.typescript).toContain('const roleArn = minProvisioner.getString("role_arn");');
    expect(snippetOf("deploy-policies").typescript).toContain(
      'const awsLeastPrivilegedPolicies = deployPolicies.getList("aws_least_privileged_policies");',
    );
  });

  tfTest("tsc compiles each TypeScript snippet inside a stack (strict, no unused locals)", () => {
    const typescript = MODULES.map((module) => snippetOf(module).typescript);
    expect(compileInStacks(join(base, "ts"), typescript)).toEqual({ status: 0, out: "" });
  });

  tfTest("terraform init + validate accept the HCL snippet of each provider-free module", () => {
    for (const module of PROVIDER_FREE) {
      const dir = join(base, `hcl-${module}`);
      mkdirSync(dir);
      const local = snippetOf(module).hcl.replace(
        /source( +)= "[^"]+"/,
        `source$1= "${join(PROJECT, "modules-out", "hcl", module)}"`,
      );
      writeFileSync(join(dir, "main.tf"), local);
      for (const args of [
        ["init", "-input=false", "-no-color"],
        ["validate", "-no-color"],
      ]) {
        const step = runTerraform(requireTerraform(), dir, args);
        expect({
          module,
          args,
          status: step.status,
          log: step.status ? step.stdout + step.stderr : "",
        }).toEqual({
          module,
          args,
          status: 0,
          log: "",
        });
      }
    }
  });
});
