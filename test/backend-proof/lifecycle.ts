import { existsSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Role } from "./aws-call";
import {
  backendBlock,
  collect,
  killGroup,
  runTerraformAs,
  startTerraform,
  writeBackendRoot,
  type RunResult,
} from "./backend-root";
import type { LoopbackAws } from "./loopback-aws";
import { PROOF, backendFor, type ProofMode } from "./proof-settings";

/**
 * The Terraform life cycle the proof runs against the loopback endpoint, one command per step,
 * each as the role that would run it: read-only for plan-like commands (they read state and take
 * the lock), runtime for apply-like ones (they write state or release another run's lock).
 * In-scope steps use the granted bucket and prefix; out-of-scope steps use another prefix and
 * another bucket, and must be refused when the policy is enforced.
 */

export type Scope = "in-scope" | "out-of-scope";

export interface StepResult {
  readonly name: string;
  readonly scope: Scope;
  readonly role: Role;
  /** What must happen: in scope every step succeeds except the plan that meets a held lock. */
  readonly mustFail: boolean;
  readonly status: number;
  readonly output: string;
}

const NO_COLOR = "-no-color";
const BIG_STATE = "-var=payload_bytes=3000000"; // the value is stored twice: a state of ~6 MB

interface Runner {
  readonly terraform: string;
  readonly aws: LoopbackAws;
  readonly results: StepResult[];
  readonly temporary: string[];
}

async function step(
  runner: Runner,
  spec: { name: string; scope?: Scope; dir: string; role: Role; args: readonly string[]; mustFail?: boolean },
): Promise<StepResult> {
  runner.aws.step = spec.name;
  const run = await runTerraformAs(runner.terraform, spec.dir, spec.role, [...spec.args, NO_COLOR]);
  return record(runner, spec, run);
}

function record(
  runner: Runner,
  spec: { name: string; scope?: Scope; role: Role; mustFail?: boolean },
  run: RunResult,
): StepResult {
  const result: StepResult = {
    name: spec.name,
    scope: spec.scope ?? "in-scope",
    role: spec.role,
    mustFail: spec.mustFail ?? false,
    status: run.status,
    output: run.output,
  };
  runner.results.push(result);
  return result;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** apply that waits in a provisioner while it holds the lock, killed with SIGKILL there. */
async function killedApply(runner: Runner, dir: string): Promise<void> {
  const name = "apply killed with SIGKILL while holding the lock";
  runner.aws.step = name;
  const child = startTerraform(runner.terraform, dir, "runtime", [
    "apply",
    "-auto-approve",
    "-var=generation=3",
    "-var=hold_seconds=60",
    NO_COLOR,
  ]);
  const done = collect(child, 90_000);
  const holding = join(dir, "holding");
  for (let waited = 0; !existsSync(holding) && child.exitCode === null && waited < 60_000; waited += 50) {
    await sleep(50);
  }
  const held = existsSync(holding);
  killGroup(child);
  const run = await done;
  // A kill is the expected end; the step fails only if the apply never reached the provisioner.
  record(runner, { name, role: "runtime" }, { status: held ? 0 : 1, output: run.output });
}

/** Runs the whole life cycle; `enforce` limits out-of-scope steps to `init` (which must fail). */
/**
 * The first steps only (init on a new key, plan, apply, plan): enough to show that a narrowed policy or
 * a stricter 404/403 rule breaks Terraform, without paying for the whole life cycle.
 */
export async function runFirstSteps(
  terraform: string,
  aws: LoopbackAws,
  endpoint: string,
  mode: ProofMode,
): Promise<StepResult[]> {
  const runner: Runner = { terraform, aws, results: [], temporary: [] };
  const main = writeBackendRoot(backendFor(mode, endpoint, { name: "app" }));
  runner.temporary.push(main);
  try {
    await step(runner, { name: "init (new key)", dir: main, role: "read-only", args: ["init"] });
    await step(runner, { name: "plan", dir: main, role: "read-only", args: ["plan"] });
    await step(runner, { name: "apply", dir: main, role: "runtime", args: ["apply", "-auto-approve"] });
    await step(runner, { name: "plan after apply", dir: main, role: "read-only", args: ["plan"] });
    return runner.results;
  } finally {
    aws.step = "";
    rmSync(main, { recursive: true, force: true });
  }
}

export async function runLifecycle(
  terraform: string,
  aws: LoopbackAws,
  endpoint: string,
  mode: ProofMode,
  enforce: boolean,
): Promise<StepResult[]> {
  const runner: Runner = { terraform, aws, results: [], temporary: [] };
  try {
    await lifecycleSteps(runner, endpoint, mode, enforce);
    return runner.results;
  } finally {
    aws.step = "";
    for (const dir of runner.temporary) rmSync(dir, { recursive: true, force: true });
  }
}

async function lifecycleSteps(
  runner: Runner,
  endpoint: string,
  mode: ProofMode,
  enforce: boolean,
): Promise<void> {
  const { terraform, aws } = runner;
  const main = writeBackendRoot(backendFor(mode, endpoint, { name: "app" }));
  runner.temporary.push(main);
  const ro = "read-only" as const;
  const rt = "runtime" as const;
  await step(runner, { name: "init (new key)", dir: main, role: ro, args: ["init"] });
  await step(runner, { name: "plan", dir: main, role: ro, args: ["plan", "-var=generation=1"] });
  await step(runner, { name: "plan -lock=false", dir: main, role: ro, args: ["plan", "-lock=false"] });
  await step(runner, {
    name: "apply",
    dir: main,
    role: rt,
    args: ["apply", "-auto-approve", "-var=generation=1"],
  });
  await step(runner, {
    name: "apply (no change)",
    dir: main,
    role: rt,
    args: ["apply", "-auto-approve", "-var=generation=1"],
  });
  await step(runner, { name: "state list", dir: main, role: ro, args: ["state", "list"] });
  await step(runner, { name: "state pull", dir: main, role: ro, args: ["state", "pull"] });
  await step(runner, { name: "output", dir: main, role: ro, args: ["output"] });
  await step(runner, {
    name: "apply (state over 5 MiB: multipart upload)",
    dir: main,
    role: rt,
    args: ["apply", "-auto-approve", "-var=generation=2", BIG_STATE],
  });
  await step(runner, {
    name: "plan (state over 5 MiB: ranged reads)",
    dir: main,
    role: ro,
    args: ["plan", "-var=generation=2", BIG_STATE],
  });
  await killedApply(runner, main);
  const locked = await step(runner, {
    name: "plan while the killed apply holds the lock",
    dir: main,
    role: ro,
    args: ["plan", "-var=generation=3"],
    mustFail: true,
  });
  const lockId = /ID:\s+([0-9a-f-]{36})/.exec(locked.output)?.[1] ?? "no-lock-id-found";
  await step(runner, { name: "force-unlock", dir: main, role: rt, args: ["force-unlock", "-force", lockId] });
  await step(runner, {
    name: "apply after force-unlock",
    dir: main,
    role: rt,
    args: ["apply", "-auto-approve", "-var=generation=3"],
  });
  await step(runner, { name: "workspace new", dir: main, role: rt, args: ["workspace", "new", "dev"] });
  await step(runner, { name: "workspace list", dir: main, role: ro, args: ["workspace", "list"] });
  await step(runner, {
    name: "workspace select",
    dir: main,
    role: ro,
    args: ["workspace", "select", "default"],
  });
  await step(runner, {
    name: "destroy",
    dir: main,
    role: rt,
    args: ["destroy", "-auto-approve", "-var=generation=3"],
  });

  // init -migrate-state: local state first (no endpoint involved), then the backend is added.
  const migrated = writeBackendRoot(undefined);
  runner.temporary.push(migrated);
  aws.step = "local apply before migration";
  const local = await runTerraformAs(terraform, migrated, rt, ["init", NO_COLOR]);
  const localApply =
    local.status === 0
      ? await runTerraformAs(terraform, migrated, rt, ["apply", "-auto-approve", NO_COLOR])
      : local;
  record(runner, { name: "local apply before migration", role: rt }, localApply);
  writeFileSync(join(migrated, "backend.tf"), backendBlock(backendFor(mode, endpoint, { name: "migrated" })));
  await step(runner, {
    name: "init -migrate-state (from local state)",
    dir: migrated,
    role: rt,
    args: ["init", "-migrate-state", "-force-copy"],
  });
  await step(runner, { name: "state list (migrated)", dir: migrated, role: ro, args: ["state", "list"] });

  for (const [label, place] of [
    ["another prefix", { prefix: PROOF.otherPrefix, name: "app" }],
    ["another bucket", { bucket: PROOF.otherBucket, name: "app" }],
  ] as const) {
    const dir = writeBackendRoot(backendFor(mode, endpoint, place));
    runner.temporary.push(dir);
    const scope = "out-of-scope" as const;
    await step(runner, { name: `init (${label})`, scope, dir, role: ro, args: ["init"], mustFail: enforce });
    if (!enforce) {
      await step(runner, {
        name: `apply (${label})`,
        scope,
        dir,
        role: rt,
        args: ["apply", "-auto-approve", "-var=generation=1"],
      });
    }
  }
}
