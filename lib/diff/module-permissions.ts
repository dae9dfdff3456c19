import type { ModuleExamples } from "../app/module-examples";
import { MODULE_VARIANTS, readModuleConfig } from "./module-config";
import { permissionRows, type PermissionRow } from "./policy-rows";
import { shadowModule, type Shadow } from "./policy-shadow";
import type { TreeSnapshot } from "./read-tree";
import { evaluateJobs, type EvaluationJob } from "./terraform-eval";

/** Policy address (`output.runtime_policy_json`, `aws_iam_policy.this.policy`) -> union of its rows. */
export type PolicyFamilies = ReadonlyMap<string, readonly PermissionRow[]>;

/** One module variant called with one example probe: its policies, or why they could not be read. */
export type ProbeEvaluation =
  | {
      readonly ok: true;
      readonly families: PolicyFamilies;
      /** Every module output's value, by output name. */
      readonly outputs: Readonly<Record<string, unknown>>;
    }
  | { readonly ok: false; readonly error: string };

/** Probe label (`hcl, required inputs`) -> evaluation, for one module in one tree. */
export type ModulePermissions = ReadonlyMap<string, ProbeEvaluation>;

/** Does a policy address hold a policy the module outputs for consumers to attach? */
export const isAttachedPolicy = (address: string): boolean => address.startsWith("output.");

/**
 * Reads the permissions of each module from the module itself: every variant (HCL and JSON) is
 * evaluated by Terraform for every example probe, and each policy-valued output or policy attribute
 * becomes the union of its documents' rows, so a statement moving between split documents is no
 * change. One Terraform run serves all trees. `trees[i]` -> module -> its permissions.
 */
export async function modulePermissions(
  trees: readonly TreeSnapshot[],
  modules: readonly string[],
  examples: ModuleExamples,
): Promise<Array<Map<string, ModulePermissions>>> {
  const jobs: EvaluationJob[] = [];
  const slots: Array<{
    tree: number;
    module: string;
    label: string;
    shadow?: Shadow;
    error?: string;
    job?: number;
  }> = [];
  for (const [treeIndex, tree] of trees.entries())
    for (const module of modules)
      for (const variant of MODULE_VARIANTS) {
        if (![...tree.keys()].some((path) => path.startsWith(`${variant}/${module}/`))) continue;
        let shadow: Shadow | undefined;
        let error: string | undefined;
        try {
          shadow = shadowModule(await readModuleConfig(tree, variant, module), examples.dataSources);
        } catch (cause) {
          error = `modules-out/${variant}/${module} cannot be read: ${String(cause instanceof Error ? cause.message : cause).split("\n")[0]}`;
        }
        for (const probe of examples.probes) {
          const label = `${variant}, ${probe.name}`;
          const slot = { tree: treeIndex, module, label, shadow, error };
          const missing = shadow?.requiredVariables.filter((name) => !(name in probe.inputs)) ?? [];
          if (shadow && missing.length)
            slot.error = `required variable(s) ${missing.join(", ")} of ${module} have no example value (lib/app/module-examples.ts)`;
          if (shadow && !slot.error) {
            const inputs = Object.fromEntries(
              Object.entries(probe.inputs).filter(([name]) => shadow.variables.includes(name)),
            );
            slots.push({ ...slot, job: jobs.push({ module: shadow.document, inputs }) - 1 });
          } else slots.push(slot);
        }
      }
  const results = evaluateJobs(jobs);
  const byTree = trees.map(() => new Map<string, Map<string, ProbeEvaluation>>());
  for (const slot of slots) {
    const perModule = byTree[slot.tree].get(slot.module) ?? new Map<string, ProbeEvaluation>();
    byTree[slot.tree].set(slot.module, perModule);
    const result = slot.job === undefined ? undefined : results[slot.job];
    if (!result || !slot.shadow)
      perModule.set(slot.label, { ok: false, error: slot.error ?? "not evaluated" });
    else if (!result.ok)
      perModule.set(slot.label, { ok: false, error: `${slot.module} (${slot.label}): ${result.error}` });
    else perModule.set(slot.label, readFamilies(slot.shadow, result.outputs));
  }
  return byTree;
}

function readFamilies(shadow: Shadow, values: Readonly<Record<string, unknown>>): ProbeEvaluation {
  const families = new Map<string, readonly PermissionRow[]>();
  const outputs: Record<string, unknown> = {};
  for (const { name, address } of shadow.outputs) {
    const value = values[name];
    if (address.startsWith("output.")) outputs[address.slice("output.".length)] = value;
    const rows = policyRowsOf(value);
    if (rows) families.set(address, rows);
  }
  return { ok: true, families, outputs };
}

/** Rows of a policy document, or the union of a list or map of them; undefined for other values. */
function policyRowsOf(value: unknown): PermissionRow[] | undefined {
  if (typeof value === "string") return isPolicyText(value) ? permissionRows(value) : undefined;
  if (value === null || typeof value !== "object") return undefined;
  const items = (Array.isArray(value) ? value : Object.values(value)).filter((item) => item !== null);
  if (items.length === 0 || !items.every((item) => typeof item === "string" && isPolicyText(item)))
    return undefined;
  return items.flatMap((item) => permissionRows(item as string));
}

function isPolicyText(text: string): boolean {
  if (!text.trimStart().startsWith("{")) return false;
  try {
    const document = JSON.parse(text) as unknown;
    return document !== null && typeof document === "object" && "Statement" in document;
  } catch {
    return false;
  }
}
