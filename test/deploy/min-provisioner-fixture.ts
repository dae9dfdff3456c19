import { Testing } from "cdktf";
import type { Settings } from "../../lib/config/schema";
import { MinProvisionerModule } from "../../lib/stacks/min-provisioner-module";

/** The min-provisioner module as cdktf synthesizes it (the JSON the packager cleans). */
export interface SynthesizedMinProvisioner {
  variable: Record<string, { default?: unknown; type: string; validation?: Array<{ condition: string }> }>;
  locals: Record<string, string>;
  data: Record<string, Record<string, unknown>>;
  resource: {
    aws_iam_role: { this: Record<string, unknown> & { lifecycle: { precondition: unknown[] } } };
    /** One per profile part, by resource name `<profile>_<n>`. */
    aws_iam_policy: Record<string, Record<string, string | Record<string, string>>>;
    aws_iam_role_policy_attachment: Record<string, Record<string, string>>;
  };
  output: Record<string, { value: string }>;
  moved?: Array<{ from: string; to: string }>;
}

let cached: { stack: MinProvisionerModule; json: SynthesizedMinProvisioner } | undefined;

/** Synthesized once per test file: synth is the slow part. */
export function synthesizedMinProvisioner(): {
  stack: MinProvisionerModule;
  json: SynthesizedMinProvisioner;
} {
  if (!cached) {
    const stack = new MinProvisionerModule(Testing.app(), {} as Settings);
    cached = { stack, json: JSON.parse(Testing.synth(stack)) as SynthesizedMinProvisioner };
  }
  return cached;
}

/** `${expr}` -> `expr`. */
export function unwrap(value: string): string {
  const match = /^\$\{([\s\S]*)\}$/.exec(value);
  if (!match) throw new Error(`Not a single interpolation: ${value}`);
  return match[1];
}
