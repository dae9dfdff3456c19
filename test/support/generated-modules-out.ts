import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateModules } from "../../lib/app/generate-modules";

/**
 * modules-out/ as generateModules (the recipe of `cdktf synth`, `npm run diff` and publish) writes it
 * for this project's cdktf.json, generated once per proof run by the proofs' global setup instead of
 * once per suite. Suites copy it (cpSync) and never change it in place: every suite sees the same tree.
 */
export const GENERATED_MODULES_OUT_ENV = "STM_PROOFS_GENERATED_MODULES_OUT";

const PROJECT = join(__dirname, "..", "..");

/** Generates the shared tree (global setup); its path goes to the workers through the environment. */
export async function generateSharedModulesOut(): Promise<string> {
  const base = mkdtempSync(join(tmpdir(), "stm-proofs-generated-"));
  const outDir = join(base, "modules-out");
  await generateModules(outDir, PROJECT);
  process.env[GENERATED_MODULES_OUT_ENV] = outDir;
  return outDir;
}

/** Removes the shared tree (global teardown). */
export function removeSharedModulesOut(): void {
  const outDir = process.env[GENERATED_MODULES_OUT_ENV];
  if (outDir) rmSync(join(outDir, ".."), { recursive: true, force: true });
}

/**
 * The shared tree. A suite run without the proofs' global setup (another jest config) generates its
 * own once, so it never reads a stale or missing tree.
 */
export async function generatedModulesOut(): Promise<string> {
  const shared = process.env[GENERATED_MODULES_OUT_ENV];
  if (shared && existsSync(shared)) return shared;
  return generateSharedModulesOut();
}
