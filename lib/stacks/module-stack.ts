import {
  TerraformStack,
  TerraformVariable,
  type TerraformElement,
  type TerraformVariableConfig,
} from "cdktf";
import type { Construct, Node } from "constructs";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";

/** What a module's README says beyond the generated tables. */
export interface ModuleDocs {
  /** One paragraph: what the module is for. */
  readonly purpose: string;
  /** Extra Markdown sections, each `## Title` + body, in order. */
  readonly sections?: readonly string[];
  /**
   * A value for each required input, set in the README's usage block. Fixed here rather than taken
   * from settings, so that changing `examples` leaves module folders (and their versions) alone.
   */
  readonly usage: Readonly<Record<string, unknown>>;
}

export interface ModuleStackProps {
  /** Folder name under modules-out/ and tag prefix, e.g. `state-backend`. */
  readonly moduleName: string;
  readonly docs: ModuleDocs;
  /** Provider-free modules (policy documents only) need no provider at all. */
  readonly usesAwsProvider: boolean;
  /** `terraform test` files shipped in the module's `tests/` folder, by file name. @default none */
  readonly tests?: Readonly<Record<string, string>>;
}

const TERRAFORM_IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

/**
 * A stack that is a reusable module: its variables and outputs are the module's interface. Logical
 * ids are the constructs' own ids (`aws_s3_bucket.this`), never hash-suffixed, so addresses are
 * stable across releases; a clash is refused at synth instead of being silently renamed.
 */
export class ModuleStack extends TerraformStack {
  readonly moduleName: string;
  readonly docs: ModuleDocs;
  readonly usesAwsProvider: boolean;
  readonly tests: Readonly<Record<string, string>>;
  private readonly allocated = new Map<string, string>();

  constructor(scope: Construct, props: ModuleStackProps) {
    super(scope, props.moduleName);
    this.moduleName = props.moduleName;
    this.docs = props.docs;
    this.usesAwsProvider = props.usesAwsProvider;
    this.tests = props.tests ?? {};
    // The packager strips this block: a module never configures its provider; callers do.
    if (props.usesAwsProvider) new AwsProvider(this, "aws", {});
  }

  /** A variable; `default: null` is expressed through an override because cdktf drops null defaults. */
  addVariable(
    name: string,
    config: TerraformVariableConfig & { readonly nullDefault?: boolean },
  ): TerraformVariable {
    const { nullDefault, ...rest } = config;
    const variable = new TerraformVariable(this, name, nullDefault ? { ...rest, nullable: true } : rest);
    if (nullDefault) variable.addOverride("default", null);
    return variable;
  }

  protected allocateLogicalId(element: TerraformElement | Node): string {
    const node = "node" in element ? element.node : element;
    const id = node.id;
    if (!TERRAFORM_IDENTIFIER.test(id)) {
      throw new Error(
        `Module ${this.moduleName}: construct id "${id}" (${node.path}) is not a Terraform identifier; use snake_case such as "this".`,
      );
    }
    const kind = kindOf(element);
    const previous = this.allocated.get(`${kind}.${id}`);
    if (previous !== undefined && previous !== node.path) {
      throw new Error(
        `Module ${this.moduleName}: ${kind}.${id} is used by both ${previous} and ${node.path}; give one a different id.`,
      );
    }
    this.allocated.set(`${kind}.${id}`, node.path);
    return id;
  }
}

/** Terraform's namespace for an element: resources per type, then variables, outputs, locals, ... */
function kindOf(element: TerraformElement | Node): string {
  if (!("node" in element)) return "node";
  const withType = element as unknown as { terraformResourceType?: unknown; constructor: { name: string } };
  return typeof withType.terraformResourceType === "string"
    ? withType.terraformResourceType
    : withType.constructor.name;
}
