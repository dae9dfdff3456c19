import { homedir, tmpdir } from "node:os";
import { parseMovedBlocks, type MovedSteps } from "./moved-blocks";

/** What a module folder declares, after everything a module must not carry has been removed. */
export interface CleanModule {
  readonly moduleName: string;
  /** resource, data, locals, import: what goes to main.tf besides the moved blocks. */
  readonly main: Readonly<Record<string, unknown>>;
  /** Address changes, parsed: rendered as `moved` blocks between resources and imports. */
  readonly moved: readonly MovedSteps[];
  readonly variables: Readonly<Record<string, Record<string, unknown>>>;
  readonly outputs: Readonly<Record<string, Record<string, unknown>>>;
  readonly terraform: Readonly<Record<string, unknown>>;
}

export const REQUIRED_TERRAFORM_VERSION = ">= 1.9.0";
/** Minimum-only, as terraform-aws-modules do: callers pick the exact version. */
export const AWS_PROVIDER_REQUIREMENT = { source: "hashicorp/aws", version: ">= 5.100" } as const;

const MAIN_KINDS = ["locals", "data", "resource", "moved", "import"] as const;
const KNOWN_TOP_LEVEL = new Set<string>([...MAIN_KINDS, "variable", "output", "terraform", "provider", "//"]);
const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;
/** cdktf's default logical ids end in `_` + 8 upper-case hex digits of the construct path's hash. */
const HASH_SUFFIX = /_[0-9A-F]{8}$/;

/**
 * Strips a stack's synthesized JSON down to a module: no backend, no provider block, no `//`
 * metadata, and a terraform block of our own. Refuses unstable addresses and absolute paths.
 */
export function cleanModule(moduleName: string, synthesized: unknown, usesAwsProvider: boolean): CleanModule {
  const source = withoutMetadata(synthesized) as Record<string, unknown>;
  for (const key of Object.keys(source)) {
    if (!KNOWN_TOP_LEVEL.has(key)) {
      throw new Error(`Module ${moduleName}: top-level "${key}" is not supported by the packager.`);
    }
  }
  const main: Record<string, unknown> = {};
  for (const kind of MAIN_KINDS)
    if (source[kind] !== undefined && kind !== "moved") main[kind] = source[kind];
  const moved = parseMovedBlocks(moduleName, (source.moved ?? []) as unknown[]);
  const variables = (source.variable ?? {}) as Record<string, Record<string, unknown>>;
  const outputs = (source.output ?? {}) as Record<string, Record<string, unknown>>;
  const terraform: Record<string, unknown> = { required_version: REQUIRED_TERRAFORM_VERSION };
  if (usesAwsProvider) terraform.required_providers = { aws: { ...AWS_PROVIDER_REQUIREMENT } };

  assertStableAddresses(moduleName, main, variables, outputs);
  const module = { moduleName, main, moved, variables, outputs, terraform };
  assertNoAbsolutePath(moduleName, module);
  return module;
}

function withoutMetadata(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutMetadata);
  if (value === null || typeof value !== "object") return value;
  const result: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    if (key !== "//") result[key] = withoutMetadata(child);
  }
  return result;
}

function assertStableAddresses(
  moduleName: string,
  main: Record<string, unknown>,
  variables: Record<string, unknown>,
  outputs: Record<string, unknown>,
): void {
  const addresses: string[] = [];
  for (const kind of ["resource", "data"] as const) {
    const byType = (main[kind] ?? {}) as Record<string, Record<string, unknown>>;
    for (const [type, byName] of Object.entries(byType)) {
      for (const name of Object.keys(byName))
        addresses.push(`${kind === "data" ? "data." : ""}${type}.${name}`);
    }
  }
  for (const name of Object.keys((main.locals ?? {}) as object)) addresses.push(`local.${name}`);
  for (const name of Object.keys(variables)) addresses.push(`var.${name}`);
  for (const name of Object.keys(outputs)) addresses.push(`output.${name}`);
  for (const address of addresses) {
    const name = address.slice(address.lastIndexOf(".") + 1);
    if (HASH_SUFFIX.test(name)) {
      throw new Error(
        `Module ${moduleName}: ${address} has a hash-suffixed name; give the construct a stable snake_case id such as "this".`,
      );
    }
    if (!IDENTIFIER.test(name)) {
      throw new Error(
        `Module ${moduleName}: ${address} is not a snake_case Terraform identifier; rename the construct.`,
      );
    }
  }
}

/** Paths of the machine that ran synth must never reach a committed module. */
function assertNoAbsolutePath(moduleName: string, module: CleanModule): void {
  const machinePaths = [process.cwd(), homedir(), tmpdir()].filter((path) => path.length > 1);
  const visit = (value: unknown, where: string): void => {
    if (typeof value === "string") {
      const found = machinePaths.find((path) => value.includes(path));
      if (found) {
        throw new Error(
          `Module ${moduleName}: ${where} contains the absolute path ${found}; use a relative value.`,
        );
      }
    } else if (Array.isArray(value)) value.forEach((child, index) => visit(child, `${where}[${index}]`));
    else if (value !== null && typeof value === "object") {
      for (const [key, child] of Object.entries(value)) visit(child, where ? `${where}.${key}` : key);
    }
  };
  visit({ ...module.main, variable: module.variables, output: module.outputs }, "");
}
