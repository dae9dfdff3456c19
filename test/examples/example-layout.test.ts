import { parse } from "@cdktf/hcl2json";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { EXAMPLES, EXAMPLES_DIR, readExample } from "./example-config";

/**
 * Every example is a root module in the terraform-aws-modules way: main/variables/outputs/versions
 * and a README; `hashicorp/aws >= 5.100` and nothing tighter; a provider block whose region is a
 * variable; variables with defaults, so `terraform apply` needs no -var; outputs; module sources
 * that resolve to modules-out/hcl; and no ignore_changes hiding a difference.
 */

type Blocks = Record<string, unknown>;

async function parsed(example: string, file: string): Promise<Blocks> {
  return (await parse(file, readFileSync(join(EXAMPLES_DIR, example, file), "utf8"))) as Blocks;
}

async function allParsed(example: string): Promise<Blocks[]> {
  const files = readdirSync(join(EXAMPLES_DIR, example)).filter((file) => file.endsWith(".tf"));
  return Promise.all(files.map((file) => parsed(example, file)));
}

describe.each(EXAMPLES)("examples/%s", (example) => {
  test("has main.tf, variables.tf, outputs.tf, versions.tf and a README", () => {
    for (const file of ["main.tf", "variables.tf", "outputs.tf", "versions.tf", "README.md"])
      expect({ file, exists: existsSync(join(EXAMPLES_DIR, example, file)) }).toEqual({ file, exists: true });
  });

  test("requires hashicorp/aws >= 5.100 and nothing tighter", async () => {
    const versions = await parsed(example, "versions.tf");
    expect(versions.terraform).toEqual([
      {
        required_version: ">= 1.9.0",
        required_providers: [{ aws: { source: "hashicorp/aws", version: ">= 5.100" } }],
      },
    ]);
  });

  test("configures the provider's region from var.region", async () => {
    const providers = (await allParsed(example)).flatMap((blocks) =>
      blocks.provider ? [blocks.provider] : [],
    );
    expect(providers).toEqual([{ aws: [{ region: "${var.region}" }] }]);
  });

  test("every variable has a description, a type and a default; every output a description", async () => {
    const config = await readExample(example);
    expect(config.variables.size).toBeGreaterThan(0);
    for (const [name, variable] of config.variables)
      expect({ name, keys: ["default", "description", "type"].filter((key) => key in variable) }).toEqual({
        name,
        keys: ["default", "description", "type"],
      });
    expect(config.outputs.size).toBeGreaterThan(0);
    for (const [name, output] of config.outputs)
      expect({ name, described: typeof output.description === "string" }).toEqual({ name, described: true });
  });

  test("module sources are relative paths to modules-out/hcl that exist", async () => {
    const modules = (await allParsed(example)).flatMap((blocks) =>
      Object.values((blocks.module ?? {}) as Record<string, [{ source: string }]>),
    );
    for (const [{ source }] of modules) {
      expect(source).toMatch(/^\.\.\/\.\.\/modules-out\/hcl\/[a-z-]+$/);
      expect(existsSync(resolve(EXAMPLES_DIR, example, source, "main.tf"))).toBe(true);
    }
  });

  test("hides no difference with ignore_changes", () => {
    for (const file of readdirSync(join(EXAMPLES_DIR, example)).filter((name) => name.endsWith(".tf")))
      expect({ file, text: readFileSync(join(EXAMPLES_DIR, example, file), "utf8") }).not.toMatchObject({
        text: expect.stringContaining("ignore_changes"),
      });
  });
});

test("the provider-module examples use their module; the others use none", async () => {
  const sources = async (example: string) =>
    (await allParsed(example)).flatMap((blocks) =>
      Object.values((blocks.module ?? {}) as Record<string, [{ source: string }]>).map(([m]) => m.source),
    );
  expect(await sources("state-backend")).toEqual(["../../modules-out/hcl/state-backend"]);
  expect(await sources("min-provisioner")).toEqual(["../../modules-out/hcl/min-provisioner"]);
  expect(await sources("aurora-cluster")).toEqual([]);
  expect(await sources("ecs-compute")).toEqual([]);
});
