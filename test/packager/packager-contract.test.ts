import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "@cdktf/hcl2json";
import { App, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { loadSettings } from "../../lib/config/load-settings";
import { moduleInputOf } from "../../lib/app/module-input";
import { cleanModule } from "../../lib/packager/clean-module";
import { renderModulesOut, writeModulesOut } from "../../lib/packager/write-modules-out";
import type { ModuleStack } from "../../lib/stacks/module-stack";
import { buildApp } from "../../lib/app/build-app";
import { BACKEND_TEXT, buildFixtureModules } from "./fixture-modules";

const projectRoot = join(__dirname, "../..");

describe("packager contract", () => {
  const settings = loadSettings(projectRoot);
  let work: string;
  let stacks: ModuleStack[];
  let files: Map<string, string>;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), "stm-packager-"));
    const real = buildApp(settings, { outdir: join(work, "real.out") });
    real.synth();
    stacks = [...buildFixtureModules(join(work, "fixture.out")).stacks, ...real.moduleStacks];
    files = await renderModulesOut({
      modules: stacks.map((stack) => moduleInputOf(stack)),
      repositoryUrl: settings.repositoryUrl,
      outDir: join(work, "modules-out"),
    });
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  const moduleFiles = (flavour: string, name: string): string =>
    ["main", "variables", "outputs", "versions"]
      .map((file) => files.get(`${flavour}/${name}/${file}.tf${flavour === "json" ? ".json" : ""}`) ?? "")
      .join("\n");

  it("writes variables, outputs, versions and a README per module, main only when it has content", () => {
    for (const stack of stacks) {
      const hasMain = ["resource", "data", "locals"].some((kind) => kind in stack.toTerraform());
      for (const [flavour, suffix] of [
        ["hcl", ".tf"],
        ["json", ".tf.json"],
      ]) {
        for (const file of ["variables", "outputs", "versions"]) {
          expect(files.has(`${flavour}/${stack.moduleName}/${file}${suffix}`)).toBe(true);
        }
        expect(files.has(`${flavour}/${stack.moduleName}/README.md`)).toBe(true);
        expect([stack.moduleName, files.has(`${flavour}/${stack.moduleName}/main${suffix}`)]).toEqual([
          stack.moduleName,
          hasMain,
        ]);
      }
    }
    // state-access-policy's main.tf holds only the dns_suffix local (derived from var.partition).
    expect(files.has("hcl/state-access-policy/main.tf")).toBe(true);
    expect(files.has("hcl/state-backend/main.tf")).toBe(true);
  });

  it("has no backend, no provider block, no // metadata and no absolute path", () => {
    for (const [path, text] of files) {
      if (path.endsWith("README.md")) continue;
      expect(text).not.toMatch(/backend\s*"local"|"backend"\s*:/);
      expect(text).not.toMatch(/^provider\s|"provider"\s*:/m);
      expect(text).not.toContain('"//"');
      for (const machinePath of [projectRoot, work, tmpdir()]) expect(text).not.toContain(machinePath);
    }
  });

  it("requires hashicorp/aws >= 5.100 only where the module uses it, and Terraform >= 1.9.0 everywhere", () => {
    for (const stack of stacks) {
      const versions = JSON.parse(files.get(`json/${stack.moduleName}/versions.tf.json`) ?? "{}");
      expect(versions.terraform.required_version).toBe(">= 1.9.0");
      if (stack.usesAwsProvider) {
        expect(versions.terraform.required_providers).toEqual({
          aws: { source: "hashicorp/aws", version: ">= 5.100" },
        });
        expect(files.get(`hcl/${stack.moduleName}/versions.tf`)).toContain('source  = "hashicorp/aws"');
      } else {
        expect(versions.terraform.required_providers).toBeUndefined();
        expect(files.get(`hcl/${stack.moduleName}/versions.tf`)).not.toContain("required_providers");
      }
    }
  });

  it("keeps stable addresses and refuses hash-suffixed or non-identifier names", () => {
    const main = JSON.parse(files.get("json/fixture-bucket/main.tf.json") ?? "{}");
    expect(Object.keys(main.resource.aws_s3_bucket)).toEqual(["this"]);
    for (const [path, text] of files) {
      if (!path.endsWith(".json") || path.startsWith("policies/")) continue;
      expect(text).not.toMatch(/_[0-9A-F]{8}"/);
    }
    // A plain stack hashes nested construct ids, as cdktf does by default.
    const stack = new TerraformStack(new App({ outdir: join(work, "hashed.out") }), "hashed");
    new S3Bucket(new Construct(stack, "nested"), "bucket", { bucket: "x" });
    expect(() => cleanModule("hashed", stack.toTerraform(), true)).toThrow(
      /Module hashed: aws_s3_bucket\.nested_bucket_[0-9A-F]{8} has a hash-suffixed name/,
    );
    expect(() => cleanModule("bad", { output: { "Bad-Name": { value: 1 } } }, false)).toThrow(
      /Module bad: output\.Bad-Name is not a snake_case Terraform identifier/,
    );
  });

  it("renders HCL that parses back to the same resources, variables and outputs as the JSON module", async () => {
    for (const stack of stacks) {
      const name = stack.moduleName;
      const hcl = await parse(`${name}.tf`, moduleFiles("hcl", name));
      const json = Object.assign(
        {},
        ...["main", "variables", "outputs", "versions"].map((file) =>
          JSON.parse(files.get(`json/${name}/${file}.tf.json`) ?? "{}"),
        ),
      );
      const resources = (doc: Record<string, Record<string, object>>): string[] =>
        Object.entries(doc.resource ?? {}).flatMap(([type, byName]) =>
          Object.keys(byName).map((n) => `${type}.${n}`),
        );
      expect(resources(hcl).sort()).toEqual(resources(json).sort());
      expect(Object.keys(hcl.variable ?? {}).sort()).toEqual(Object.keys(json.variable ?? {}).sort());
      expect(Object.keys(hcl.output ?? {}).sort()).toEqual(Object.keys(json.output ?? {}).sort());
      for (const [variable, spec] of Object.entries(json.variable ?? {}) as Array<
        [string, Record<string, unknown>]
      >) {
        expect(hcl.variable[variable][0].description).toBe(spec.description);
        expect("default" in hcl.variable[variable][0]).toBe("default" in spec);
      }
      for (const [output, spec] of Object.entries(json.output ?? {}) as Array<
        [string, Record<string, unknown>]
      >) {
        expect(hcl.output[output][0].description).toBe(spec.description);
      }
    }
    // The heredoc keeps the exact text (no extra newline), and quotes in error messages survive.
    const outputs = await parse("o.tf", files.get("hcl/fixture-bucket/outputs.tf") ?? "");
    expect(outputs.output.backend_config[0].value).toBe(BACKEND_TEXT);
    const variables = await parse("v.tf", files.get("hcl/fixture-bucket/variables.tf") ?? "");
    expect(variables.variable.bucket_name[0].validation[0].error_message).toBe(
      'bucket_name must be 3-63 of "a-z0-9.-", got ${var.bucket_name}.',
    );
    const main = await parse("m.tf", files.get("hcl/fixture-bucket/main.tf") ?? "");
    const lifecycle = main.resource.aws_s3_bucket_lifecycle_configuration.noncurrent[0];
    expect(lifecycle.rule[0].noncurrent_version_expiration[0].noncurrent_days).toBe(30);
    expect(main.resource.aws_s3_bucket.this[0].lifecycle[0].prevent_destroy).toBe(true);
    const locals = await parse("l.tf", files.get("hcl/fixture-policy/main.tf") ?? "");
    expect(locals.locals[0].disabled).toBe(false);
  });

  it("regenerates byte-identical trees", async () => {
    const again = buildFixtureModules(join(work, "again.out")).stacks;
    const real = buildApp(settings, { outdir: join(work, "again-real.out") }).moduleStacks;
    const second = await renderModulesOut({
      modules: [...again, ...real].map((stack) => moduleInputOf(stack)),
      repositoryUrl: settings.repositoryUrl,
      outDir: "unused",
    });
    expect([...second.entries()]).toEqual([...files.entries()]);
  });

  it("writes READMEs with the git source line, the inputs and outputs tables and the module's sections", () => {
    const readme = files.get("hcl/fixture-bucket/README.md") ?? "";
    expect(readme).toContain("A fixture bucket module.");
    expect(readme).toContain(
      `source = "git::${settings.repositoryUrl}//modules-out/hcl/fixture-bucket?ref=fixture-bucket-v1.0.0"`,
    );
    expect(readme).toContain("| Name | Description | Type | Default | Required |");
    expect(readme).toContain(
      '| <a name="input_bucket_name"></a> [bucket\\_name](#input\\_bucket\\_name) | Bucket name; "quoted" and \\| piped. | `string` | n/a | yes |',
    );
    expect(readme).toContain(
      '| <a name="input_kms_key_arn"></a> [kms\\_key\\_arn](#input\\_kms\\_key\\_arn) | Key ARN or null. | `string` | `null` | no |',
    );
    expect(readme).toContain(
      '| <a name="output_backend_config"></a> [backend\\_config](#output\\_backend\\_config) | A backend block. |',
    );
    expect(readme).toContain("## Notes\n\nKept verbatim | with a pipe.");
    expect(files.get("json/fixture-bucket/README.md")).toContain("//modules-out/json/fixture-bucket?ref=");
    for (const stack of stacks)
      expect(files.get(`hcl/${stack.moduleName}/README.md`)).toContain(`# ${stack.moduleName}`);
  });

  it("writes policies/<id>.json and the version the manifest records", async () => {
    const out = join(work, "with-policies", "modules-out");
    await writeModulesOut({
      modules: stacks.slice(0, 1).map((stack) =>
        moduleInputOf(stack, {
          modules: { "fixture-bucket": { version: "2.1.0", tag: "fixture-bucket-v2.1.0", moved: [] } },
        }),
      ),
      repositoryUrl: settings.repositoryUrl,
      outDir: out,
      policies: [{ id: "example", policy: { Version: "2012-10-17" } }],
      log: () => undefined,
    });
    const written = execFileSync(
      "cat",
      [join(out, "policies/example.json"), join(out, "hcl/fixture-bucket/README.md")],
      {
        encoding: "utf8",
      },
    );
    expect(written.startsWith('{\n  "Version": "2012-10-17"\n}\n')).toBe(true);
    expect(written).toContain("?ref=fixture-bucket-v2.1.0");
  });
});
