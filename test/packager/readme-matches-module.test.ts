import { parse } from "@cdktf/hcl2json";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/**
 * Issue 23: each module README carries the sections terraform-docs renders (Requirements, Providers,
 * Modules, Resources, Inputs, Outputs). Their rows are read back from the README and compared with
 * the module files as @cdktf/hcl2json (HCL) or JSON.parse (JSON) read them, not with the model the
 * README was rendered from.
 */
const MODULES_OUT = join(__dirname, "..", "..", "modules-out");
const MODULES = readdirSync(join(MODULES_OUT, "hcl")).sort();

interface ModuleFacts {
  variables: Map<string, { type: string; required: boolean }>;
  outputs: string[];
  resources: string[];
  requirements: string[];
  providers: string[];
}

type Blocks = Record<string, unknown>;
/** hcl2json wraps every block body in a one-element list; JSON modules do not. */
const body = (value: unknown): Blocks => (Array.isArray(value) ? value[0] : value) as Blocks;
/** `${list(string)}` (hcl2json) and `list(string)` (JSON module) are the same type. */
const typeOf = (value: unknown): string => String(value).replace(/^\$\{([\s\S]*)\}$/, "$1");

async function moduleFiles(flavour: string, module: string): Promise<Blocks[]> {
  const dir = join(MODULES_OUT, flavour, module);
  const files = readdirSync(dir).filter((file) => file.endsWith(flavour === "hcl" ? ".tf" : ".tf.json"));
  return Promise.all(
    files.map(async (file) => {
      const text = readFileSync(join(dir, file), "utf8");
      return (flavour === "hcl" ? await parse(file, text) : JSON.parse(text)) as Blocks;
    }),
  );
}

async function factsOf(flavour: string, module: string): Promise<ModuleFacts> {
  const facts: ModuleFacts = {
    variables: new Map(),
    outputs: [],
    resources: [],
    requirements: [],
    providers: [],
  };
  for (const file of await moduleFiles(flavour, module)) {
    for (const [name, spec] of Object.entries((file.variable ?? {}) as Blocks)) {
      const variable = body(spec);
      facts.variables.set(name, { type: typeOf(variable.type), required: !("default" in variable) });
    }
    facts.outputs.push(...Object.keys((file.output ?? {}) as Blocks));
    for (const [kind, label] of [
      ["resource", "resource"],
      ["data", "data source"],
    ] as const)
      for (const [type, blocks] of Object.entries((file[kind] ?? {}) as Blocks))
        for (const name of Object.keys(blocks as Blocks)) facts.resources.push(`${type}.${name} | ${label}`);
    if (file.terraform) {
      const terraform = body(file.terraform);
      facts.requirements.push(`terraform | ${String(terraform.required_version)}`);
      const providers = body(terraform.required_providers ?? {}) as Record<string, { version: string }>;
      for (const [name, spec] of Object.entries(providers)) {
        facts.requirements.push(`${name} | ${spec.version}`);
        facts.providers.push(`${name} | ${spec.version}`);
      }
    }
  }
  return facts;
}

/** The rows of the table under `## <title>` as cells (the header and alignment rows left out). */
function tableRows(readme: string, title: string): string[][] {
  const start = readme.indexOf(`\n## ${title}\n`);
  expect(start).toBeGreaterThan(-1);
  const end = readme.indexOf("\n## ", start + 1);
  const lines = readme.slice(start, end === -1 ? undefined : end).split("\n");
  return lines
    .filter((line) => line.startsWith("|"))
    .slice(2)
    .map((line) =>
      line
        .slice(1, -1)
        .split(/(?<!\\)\|/)
        .map((cell) => cell.trim()),
    );
}

/** `<a name="input_x"></a> [x](#input\_x)` -> x, checking that anchor, text and link agree. */
function anchoredName(cell: string, kind: string): string {
  const match = new RegExp(
    `^<a name="${kind}_(\\w+)"></a> \\[([\\w\\\\]+)\\]\\(#${kind}\\\\_([\\w\\\\]+)\\)$`,
  ).exec(cell);
  expect({ cell, matched: match !== null }).toEqual({ cell, matched: true });
  const [, name, text, link] = match as RegExpExecArray;
  // terraform-docs escapes '_' in the link text and target.
  expect([text, link]).toEqual([name.replace(/_/g, "\\_"), name.replace(/_/g, "\\_")]);
  return name;
}

const sorted = (values: readonly string[]) => [...values].sort();
const unquote = (cell: string) => cell.replace(/^`|`$/g, "");

describe.each(["hcl", "json"])(
  "module READMEs in terraform-docs' layout agree with the module files (%s)",
  (flavour) => {
    describe.each(MODULES)("%s", (module) => {
      let readme: string;
      let facts: ModuleFacts;
      beforeAll(async () => {
        readme = readFileSync(join(MODULES_OUT, flavour, module, "README.md"), "utf8");
        facts = await factsOf(flavour, module);
      });

      it("has terraform-docs' sections in its order, after Usage and before the module's own", () => {
        const headings = readme.split("\n").filter((line) => line.startsWith("## "));
        expect(headings.slice(0, 7)).toEqual([
          "## Usage",
          "## Requirements",
          "## Providers",
          "## Modules",
          "## Resources",
          "## Inputs",
          "## Outputs",
        ]);
      });

      it("Requirements and Providers list required_version and required_providers", () => {
        const requirements = tableRows(readme, "Requirements").map(
          ([name, version]) => `${anchoredName(name, "requirement")} | ${version}`,
        );
        expect(sorted(requirements)).toEqual(sorted(facts.requirements));
        const providers = facts.providers.length
          ? tableRows(readme, "Providers").map(
              ([name, version]) => `${anchoredName(name, "provider")} | ${version}`,
            )
          : [];
        expect(providers).toEqual(sorted(facts.providers));
        if (!facts.providers.length) expect(readme).toContain("## Providers\n\nNo providers.");
      });

      it("Resources lists every resource and data source, linked to the provider's registry page", () => {
        const rows = facts.resources.length ? tableRows(readme, "Resources") : [];
        const listed = rows.map(([link, kind]) => {
          const match =
            /^\[(\w+)\.(\w+)\]\(https:\/\/registry\.terraform\.io\/providers\/hashicorp\/aws\/latest\/docs\/(resources|data-sources)\/(\w+)\)$/.exec(
              link,
            );
          expect({ link, matched: match !== null }).toEqual({ link, matched: true });
          const [, type, name, folder, page] = match as RegExpExecArray;
          expect([`aws_${page}`, folder]).toEqual([type, kind === "resource" ? "resources" : "data-sources"]);
          return `${type}.${name} | ${kind}`;
        });
        expect(listed).toEqual(sorted(facts.resources));
        if (!facts.resources.length) expect(readme).toContain("## Resources\n\nNo resources.");
      });

      it("Inputs lists every variable, sorted by name, with its type and whether it is required", () => {
        const rows = tableRows(readme, "Inputs").map(([name, , type, defaultValue, required]) => ({
          name: anchoredName(name, "input"),
          type: unquote(type).replace(/\\\|/g, "|"),
          required: required === "yes",
          noDefault: defaultValue === "n/a",
        }));
        expect(rows.map((row) => row.name)).toEqual(sorted([...facts.variables.keys()]));
        for (const row of rows) {
          const variable = facts.variables.get(row.name);
          expect({ ...row, type: row.type.replace(/\s+/g, "") }).toEqual({
            name: row.name,
            type: variable?.type.replace(/\s+/g, ""),
            required: variable?.required,
            noDefault: variable?.required,
          });
        }
      });

      it("Outputs lists every output, sorted by name", () => {
        const rows = tableRows(readme, "Outputs").map(([name]) => anchoredName(name, "output"));
        expect(rows).toEqual(sorted(facts.outputs));
      });

      it("the usage block sets every required input to a value, with no placeholder comment", () => {
        const usage = readme.slice(
          readme.indexOf("```hcl\n"),
          readme.indexOf("\n```", readme.indexOf("```hcl\n")),
        );
        expect(usage).not.toMatch(/#|<\w+>|\(required\)/);
        const required = [...facts.variables].filter(([, v]) => v.required).map(([name]) => name);
        for (const name of required) expect(usage).toMatch(new RegExp(`^  ${name} += \\S`, "m"));
      });
    });
  },
);
