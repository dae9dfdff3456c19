/**
 * Which files in modules-out/policies/ render a module's policies, as file-name prefixes. A policy
 * belongs to a module when its file name starts with the module's name or with one of these
 * prefixes. The policy files are the concrete renderings of the same documents the module emits,
 * so their rows are the module's permissions.
 */
export const MODULE_POLICY_PREFIXES: Readonly<Record<string, readonly string[]>> = {
  "state-backend": ["state-runtime", "state-backend", "state-bucket", "state-key"],
  "state-access-policy": ["state-runtime", "state-read-only"],
  "deploy-policies": ["deploy-"],
  "min-provisioner": ["min-provisioner", "provisioner-"],
};

export function policyBelongsToModule(policyId: string, moduleName: string): boolean {
  const prefixes = [moduleName, ...(MODULE_POLICY_PREFIXES[moduleName] ?? [])];
  return prefixes.some((prefix) => policyId.startsWith(prefix));
}
