import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DeployProfileId } from "../../../lib/permissions/deploy-profile";
import { startLocalAws, type LocalAws } from "../../support/local-aws";
import { EnforcingProxy, type ProxiedCall } from "./enforcing-proxy";
import type { IamRequest } from "./iam-requests";
import { runLifecycle, writeRoot, type LifecycleResult, type RootModule, type StepName } from "./lifecycle";
import { deniedOf, describeRequest, isOutside, type PolicySet } from "./policy-judge";
import type { LoggedCall } from "./provider-log";

/**
 * The apply proof's small API: one moto, a recording proxy and an enforcing proxy in front of it,
 * and root modules run through their whole life cycle in accounts of their own, in parallel.
 *
 *   const proof = await ApplyProof.start();
 *   const run = await proof.run(spec, "record");             // every call relayed, all recorded
 *   const verdict = await judgeRun(run, profilePolicySet(...)); // N/N recorded calls allowed
 *   const enforced = await proof.run(spec, "enforce");       // AccessDenied to what the policy denies
 *   await proof.stop();
 */
export interface RootSpec {
  /** Shown in progress lines and test names, e.g. `state-backend hcl lockfile/kms`. */
  readonly name: string;
  readonly profile: DeployProfileId;
  /** The module (or example) folder copied into the root as ./module. */
  readonly moduleDir: string;
  /** main.tf of the root for an account (calls `./module`); none: `moduleDir` is the root itself. */
  readonly mainTf?: (account: string) => string;
  readonly vars: (account: string) => Readonly<Record<string, unknown>>;
  readonly updateVars: (account: string) => Readonly<Record<string, unknown>>;
  readonly allowedDrift?: readonly string[];
  readonly liftProtection?: RootModule["liftProtection"];
  /** Set-up the module expects to exist (made straight at moto, not judged). */
  readonly setup?: (moto: string, accessKey: string, account: string) => Promise<void>;
  /** Calls of the root's resources outside the profile (see PolicySet.outside). */
  readonly outside?: PolicySet["outside"];
}

/** One logged provider call joined with what the proxy saw of it. */
export interface RecordedCall {
  readonly step: string;
  readonly logged: LoggedCall;
  readonly proxied: ProxiedCall | undefined;
}

export interface RootRun {
  readonly spec: RootSpec;
  readonly account: string;
  readonly phase: "record" | "enforce";
  readonly lifecycle: LifecycleResult;
  readonly recorded: readonly RecordedCall[];
}

let nextAccount = 100000000001;

/** Runs at most `limit` of the given tasks at once. */
export async function inParallel<T>(tasks: ReadonlyArray<() => Promise<T>>, limit: number): Promise<T[]> {
  const results: T[] = new Array<T>(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const index = next++;
      results[index] = await (tasks[index] as () => Promise<T>)();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}

const progress = (line: string) => process.stderr.write(`[apply proof] ${line}\n`);

export class ApplyProof {
  private constructor(
    readonly aws: LocalAws,
    private readonly proxies: Record<"record" | "enforce", { proxy: EnforcingProxy; endpoint: string }>,
    private readonly work: string,
    private readonly terraform: string,
  ) {}

  static async start(terraform: string): Promise<ApplyProof> {
    const aws = await startLocalAws();
    const record = new EnforcingProxy(aws.endpoint, false);
    const enforce = new EnforcingProxy(aws.endpoint, true);
    const proxies = {
      record: { proxy: record, endpoint: await record.start() },
      enforce: { proxy: enforce, endpoint: await enforce.start() },
    };
    return new ApplyProof(aws, proxies, mkdtempSync(join(tmpdir(), "apply-proof-")), terraform);
  }

  async stop(): Promise<void> {
    await this.proxies.record.proxy.stop();
    await this.proxies.enforce.proxy.stop();
    await this.aws.stop();
    rmSync(this.work, { recursive: true, force: true });
  }

  /**
   * The life cycle of one root in a fresh account, through the phase's proxy; `policy` is the set
   * its calls are judged (and, enforcing, limited) by.
   */
  async run(
    spec: RootSpec,
    phase: "record" | "enforce",
    policy: (account: string) => PolicySet,
    steps?: readonly StepName[],
  ): Promise<RootRun> {
    const account = String(nextAccount++);
    const key = await this.aws.accessKeyIn(account);
    await spec.setup?.(this.aws.endpoint, key.id, account);
    const { proxy, endpoint } = this.proxies[phase];
    proxy.bind(key.id, { ...policy(account), ...(spec.outside ? { outside: spec.outside } : {}) });
    const dir = join(this.work, `${phase}-${account}`);
    writeRoot(dir, spec.moduleDir, spec.mainTf?.(account));
    const env = this.aws.terraformEnv({
      AWS_ENDPOINT_URL: endpoint,
      AWS_ACCESS_KEY_ID: key.id,
      AWS_SECRET_ACCESS_KEY: key.secret,
    });
    const started = Date.now();
    const lifecycle = await runLifecycle(
      {
        dir,
        vars: spec.vars(account),
        updateVars: spec.updateVars(account),
        ...(spec.allowedDrift ? { allowedDrift: spec.allowedDrift } : {}),
        ...(spec.liftProtection ? { liftProtection: spec.liftProtection } : {}),
      },
      {
        terraform: this.terraform,
        env,
        ...(steps ? { steps } : {}),
        onStep: (step) => {
          proxy.setStep(key.id, step);
          progress(
            `${phase} ${spec.name} (${account}): ${step} at ${Math.round((Date.now() - started) / 1000)} s`,
          );
        },
      },
    );
    const last = lifecycle.steps[lifecycle.steps.length - 1];
    progress(
      `${phase} ${spec.name}: ${lifecycle.ok ? "life cycle complete" : `stopped at ${last?.step}`} after ${Math.round((Date.now() - started) / 1000)} s`,
    );
    return {
      spec,
      account,
      phase,
      lifecycle,
      recorded: join_(
        lifecycle,
        proxy.calls.filter((c) => c.wire.accessKey === key.id),
      ),
    };
  }
}

/** Joins every logged call with the proxy's record of it (same invocation id, attempts in order). */
function join_(lifecycle: LifecycleResult, proxied: readonly ProxiedCall[]): RecordedCall[] {
  const byInvocation = new Map<string, ProxiedCall[]>();
  for (const call of proxied) {
    const queue = byInvocation.get(call.wire.invocationId) ?? [];
    queue.push(call);
    byInvocation.set(call.wire.invocationId, queue);
  }
  return lifecycle.steps.flatMap((step) =>
    step.calls.map((logged) => ({
      step: step.step,
      logged,
      proxied: byInvocation.get(logged.invocationId)?.shift(),
    })),
  );
}

export interface Verdict {
  readonly total: number;
  readonly allowed: number;
  /** One line per denied or unjudged call. */
  readonly problems: readonly string[];
  /** Calls outside the profile (not judged), and why. */
  readonly outside: number;
  readonly outsideReason?: string;
}

/** Judges every recorded call of the runs against a policy set (per account). */
export async function judgeRuns(
  runs: readonly RootRun[],
  policy: (account: string) => PolicySet,
): Promise<Verdict> {
  let total = 0;
  let allowed = 0;
  let outside = 0;
  let outsideReason: string | undefined;
  const problems: string[] = [];
  for (const run of runs) {
    const set = { ...policy(run.account), ...(run.spec.outside ? { outside: run.spec.outside } : {}) };
    for (const call of run.recorded) {
      if (call.proxied?.outside || isOutside(set, call.logged.signingService, call.logged.operation)) {
        outside++;
        outsideReason = set.outside?.reason;
        continue;
      }
      total++;
      const label = `${run.spec.name} [${call.step}] ${call.logged.signingService}:${call.logged.operation} (${call.logged.resourceType || "provider"})`;
      if (!call.proxied) {
        problems.push(`${label}: not seen by the proxy`);
        continue;
      }
      if (call.proxied.unmapped) {
        problems.push(`${label}: ${call.proxied.unmapped}`);
        continue;
      }
      let denied: IamRequest[];
      try {
        denied = await deniedOf(set, call.proxied.requests);
      } catch (error) {
        problems.push(`${label}: ${error instanceof Error ? error.message : String(error)}`);
        continue;
      }
      if (denied.length) problems.push(`${label}: denied ${denied.map(describeRequest).join("; ")}`);
      else allowed++;
    }
  }
  return { total, allowed, problems, outside, ...(outsideReason ? { outsideReason } : {}) };
}

export const summaryLine = (label: string, verdict: Verdict): string =>
  `${label}: ${verdict.allowed}/${verdict.total} recorded calls allowed` +
  (verdict.outside
    ? ` (${verdict.outside} more outside the profile, not judged: ${verdict.outsideReason})`
    : "");
