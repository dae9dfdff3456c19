import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const PROJECT_ROOT = join(__dirname, "../..");
const SHIPPED = JSON.parse(readFileSync(join(PROJECT_ROOT, "cdktf.json"), "utf8")) as {
  app: string;
  context: Record<string, unknown>;
};
/** The shipped `context` of cdktf.json. */
export const shippedContext = (): Record<string, unknown> => structuredClone(SHIPPED.context);

/** min-provisioner as `npm run publish -- min-provisioner` records its first release. */
export const PUBLISHED = {
  modules: { "min-provisioner": { version: "1.0.0", tag: "min-provisioner-v1.0.0", moved: [] } },
};

/**
 * A temporary copy of the project's settings: cdktf.json (its app command pointing at this
 * checkout's launcher, lib/cli/run-main.js) and module-versions.json. cdktf and the app run in it.
 */
export function temporaryProject(context: unknown, versions: unknown = PUBLISHED): string {
  const dir = mkdtempSync(join(tmpdir(), "stm-project-"));
  const [node, launcher] = SHIPPED.app.split(" ");
  writeFileSync(
    join(dir, "cdktf.json"),
    JSON.stringify({ ...SHIPPED, app: `${node} ${join(PROJECT_ROOT, launcher)}`, context }, null, 2),
  );
  writeFileSync(join(dir, "module-versions.json"), JSON.stringify(versions, null, 2));
  return dir;
}

export interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** `cdktf.json`'s app command, as `cdktf synth` runs it (the real synth path: main.ts, generateModules). */
export function runApp(dir: string): Run {
  const result = spawnSync(process.execPath, [join(PROJECT_ROOT, "lib", "cli", "run-main.js")], {
    cwd: dir,
    encoding: "utf8",
    env: { ...process.env, CDKTF_OUTDIR: join(dir, "cdktf.out") },
    timeout: 90_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The real cdktf CLI of this checkout, without colours, prompts or checkpoint calls. */
export function runCdktf(dir: string, args: readonly string[]): Run {
  const env: NodeJS.ProcessEnv = { ...process.env, CHECKPOINT_DISABLE: "1", FORCE_COLOR: "0", CI: "1" };
  delete env.TF_CLI_CONFIG_FILE;
  const result = spawnSync(join(PROJECT_ROOT, "node_modules", ".bin", "cdktf"), [...args, "--no-color"], {
    cwd: dir,
    encoding: "utf8",
    env,
    input: "",
    timeout: 120_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
