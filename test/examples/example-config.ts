import { join } from "node:path";
import { readModuleConfig, type BlockOf, type ModuleConfig } from "../../lib/diff/module-config";
import { readTree } from "../../lib/diff/read-tree";

/** The examples folder of this repository. */
export const EXAMPLES_DIR = join(__dirname, "..", "..", "examples");

/** Every example, in the order the README lists them. */
export const EXAMPLES = ["aurora-cluster", "ecs-compute", "state-backend", "min-provisioner"] as const;
export type ExampleName = (typeof EXAMPLES)[number];

/** An example parsed with @cdktf/hcl2json, through the same reader the drift check uses for modules. */
export async function readExample(name: ExampleName): Promise<ModuleConfig> {
  const tree = new Map(
    [...readTree(join(EXAMPLES_DIR, name))].map(([path, text]) => [`hcl/${name}/${path}`, text]),
  );
  return readModuleConfig(tree, "hcl", name);
}

type Value = string | number | boolean | null | readonly string[];

/** One instance of a resource: its `each.key` (for_each) or `count.index` (count). */
export interface Instance {
  readonly key?: string;
  readonly index?: number;
}

const INTERPOLATION = /\$\{([^{}]*)\}/g;
const WHOLE = /^\$\{([^{}]*)\}$/;
const RESOURCE_ATTRIBUTE = /^(aws_\w+)\.(\w+)(?:\[(each\.key|\d+)\])?\.(\w+)$/;

/**
 * Evaluates the names of an example at its variables' defaults, the way Terraform would, for the
 * few expression forms names use: `var.x`, `local.x`, `each.key`, `count.index [+ n]`, `toset(...)`
 * and another resource's argument (`aws_iam_role.task[each.key].name`). Anything else throws,
 * naming the expression, so a name the test cannot read fails instead of passing unseen.
 */
export class ExampleEvaluator {
  constructor(private readonly config: ModuleConfig) {}

  /** Every resource of a type, by name. */
  resources(type: string): BlockOf[] {
    return this.config.resources.filter((resource) => resource.type === type);
  }

  /** The resource types the example creates, sorted, each once. */
  types(): string[] {
    return [...new Set(this.config.resources.map((resource) => resource.type))].sort();
  }

  /** A local as hcl2json gives it (unevaluated). */
  rawLocal(name: string): unknown {
    return this.config.locals.get(name);
  }

  resource(type: string, name: string): BlockOf {
    const found = this.config.resources.find((resource) => resource.type === type && resource.name === name);
    if (!found) throw new Error(`the example has no resource ${type}.${name}`);
    return found;
  }

  /** The instances Terraform creates for a resource at the default variables. */
  instancesOf(resource: BlockOf): Instance[] {
    const { for_each: forEach, count } = resource.body;
    if (forEach !== undefined) return this.list(this.template(forEach)).map((key) => ({ key }));
    if (count !== undefined) {
      const total = Number(this.template(count));
      return Array.from({ length: total }, (_unused, index) => ({ index }));
    }
    return [{}];
  }

  /** An argument of every instance of a resource, evaluated (strings only: names). */
  argumentOf(resource: BlockOf, argument: string): string[] {
    return this.instancesOf(resource).map((instance) => this.text(resource.body[argument], instance));
  }

  /** A string argument or local, with every interpolation evaluated. */
  text(raw: unknown, at: Instance = {}): string {
    const value = this.template(raw, at);
    if (typeof value !== "string") throw new Error(`expected a string, got ${JSON.stringify(value)}`);
    return value;
  }

  /** A value as hcl2json gives it: a literal, one whole expression, or a string template. */
  template(raw: unknown, at: Instance = {}): Value {
    if (typeof raw !== "string") return raw as Value;
    const whole = WHOLE.exec(raw);
    if (whole) return this.expression(whole[1].trim(), at);
    const text = raw.replace(INTERPOLATION, (_all, expression: string) =>
      String(this.expression(expression.trim(), at)),
    );
    if (text.includes("${")) throw new Error(`cannot evaluate the template ${raw}`);
    return text;
  }

  variableDefault(name: string): Value {
    const variable = this.config.variables.get(name);
    if (!variable || !("default" in variable)) throw new Error(`variable ${name} has no default`);
    return variable.default as Value;
  }

  private expression(expression: string, at: Instance): Value {
    const [head, rest] = [expression.split(".")[0], expression.slice(expression.indexOf(".") + 1)];
    if (head === "var") return this.variableDefault(rest);
    if (head === "local") return this.local(rest, at);
    if (expression === "each.key" || expression === "each.value") return this.defined(at.key, expression);
    const count = /^count\.index(?:\s*\+\s*(\d+))?$/.exec(expression);
    if (count) return this.defined(at.index, expression) + Number(count[1] ?? 0);
    const toset = /^toset\((.+)\)$/.exec(expression);
    if (toset) return [...new Set(this.list(this.expression(toset[1].trim(), at)))];
    const reference = RESOURCE_ATTRIBUTE.exec(expression);
    if (reference) return this.referenced(reference, at);
    throw new Error(`cannot evaluate the expression ${expression}`);
  }

  private local(name: string, at: Instance): Value {
    if (!this.config.locals.has(name)) throw new Error(`no local ${name}`);
    return this.template(this.config.locals.get(name), at);
  }

  /** `aws_x.name.arg`, `aws_x.name[each.key].arg` (same key), `aws_x.name[n].arg`. */
  private referenced([, type, name, index, argument]: RegExpExecArray, at: Instance): Value {
    const instance: Instance =
      index === undefined ? {} : index === "each.key" ? { key: at.key } : { index: Number(index) };
    return this.template(this.resource(type, name).body[argument], instance);
  }

  private list(value: Value): string[] {
    if (!Array.isArray(value)) throw new Error(`expected a list, got ${JSON.stringify(value)}`);
    return value.map(String);
  }

  private defined<T>(value: T | undefined, expression: string): T {
    if (value === undefined) throw new Error(`${expression} used outside for_each/count`);
    return value;
  }
}
