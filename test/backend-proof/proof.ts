import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { ConcretePolicy } from "../../lib/policy/render-concrete";
import type { JudgedCall, Role } from "./aws-call";
import type { MissingKeyModel } from "./authorizations";
import { ACCESS_KEYS } from "./backend-root";
import { DynamoDbService } from "./dynamodb-service";
import { runLifecycle, type StepResult } from "./lifecycle";
import { LoopbackAws, describeCall } from "./loopback-aws";
import { PolicyJudge } from "./policy-judge";
import { PROOF, modeName, type ProofMode } from "./proof-settings";
import { S3Service } from "./s3-service";
import { StsService } from "./sts-service";

/**
 * One phase of the proof for one backend configuration: a fresh endpoint, the whole life cycle,
 * every call judged against the signing role's policy. Record: every call is answered (the calls
 * are what Terraform needs). Enforce: denied calls are answered 403, as AWS would.
 */

export type Policies = Readonly<Record<Role, ConcretePolicy>>;

export interface PhaseResult {
  readonly steps: readonly StepResult[];
  /** Every call, tagged with its step; `scopeOf` says whether the step was in scope. */
  readonly calls: readonly JudgedCall[];
}

export interface PhaseOptions {
  readonly enforce: boolean;
  readonly missingKey?: MissingKeyModel;
  /** Run this instead of the full life cycle (for narrow tests). */
  readonly lifecycle?: typeof runLifecycle;
}

export async function runPhase(
  terraform: string,
  mode: ProofMode,
  policies: Policies,
  options: PhaseOptions,
): Promise<PhaseResult> {
  const bucketEncryption =
    mode.sse === "sse-kms"
      ? ({ algorithm: "aws:kms", kmsKeyArn: PROOF.kmsKeyArn } as const)
      : ({ algorithm: "AES256" } as const);
  const aws = new LoopbackAws({
    services: {
      s3: new S3Service(
        new Map([
          [PROOF.bucket, bucketEncryption],
          [PROOF.otherBucket, bucketEncryption],
        ]),
      ),
      dynamodb: new DynamoDbService([PROOF.table]),
      sts: new StsService(PROOF.accountId),
    },
    roles: { [ACCESS_KEYS.runtime]: "runtime", [ACCESS_KEYS["read-only"]]: "read-only" },
    judge: new PolicyJudge(policies, {
      region: PROOF.region,
      accountId: PROOF.accountId,
      missingKey: options.missingKey ?? "list-checked-with-key-as-prefix",
    }),
    enforce: options.enforce,
  });
  const endpoint = await aws.start();
  try {
    const steps = await (options.lifecycle ?? runLifecycle)(terraform, aws, endpoint, mode, options.enforce);
    writeLog(mode, options.enforce, aws.calls);
    return { steps, calls: aws.calls };
  } finally {
    await aws.stop();
  }
}

/** With BACKEND_PROOF_LOG=<dir>, every request with its headers is written there as JSON lines. */
function writeLog(mode: ProofMode, enforce: boolean, calls: readonly JudgedCall[]): void {
  const dir = process.env.BACKEND_PROOF_LOG;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${mode.lockMode}-${mode.sse}-${enforce ? "enforce" : "record"}.jsonl`);
  writeFileSync(file, calls.map((c) => JSON.stringify({ ...c, line: describeCall(c) })).join("\n") + "\n");
}

export const scopeOf = (phase: PhaseResult, call: JudgedCall): StepResult["scope"] =>
  phase.steps.find((s) => s.name === call.call.step)?.scope ?? "in-scope";

/** Calls addressed to a state resource (STS needs no permission and names none). */
const isResourceCall = (judged: JudgedCall): boolean => judged.call.service !== "sts";

export interface PhaseVerdict {
  /** In-scope calls and how many the policies allow. */
  readonly recorded: number;
  readonly allowed: number;
  /** Out-of-scope resource calls and how many the policies deny. */
  readonly outOfScope: number;
  readonly denied: number;
  /** Problems, one line each: a denied in-scope call, an allowed out-of-scope call, a step that went wrong. */
  readonly problems: readonly string[];
}

/** Judges a phase: the calls (record) and, when enforced, what the real binary did. */
export function verdict(phase: PhaseResult): PhaseVerdict {
  const problems: string[] = [];
  const inScope = phase.calls.filter((c) => scopeOf(phase, c) === "in-scope");
  const outOfScope = phase.calls.filter((c) => scopeOf(phase, c) === "out-of-scope" && isResourceCall(c));
  for (const c of inScope) if (c.denied.length) problems.push(`in-scope call denied: ${describeCall(c)}`);
  for (const c of outOfScope)
    if (!c.denied.length) problems.push(`out-of-scope call allowed: ${describeCall(c)}`);
  for (const s of phase.steps) {
    const failed = s.status !== 0;
    if (failed !== s.mustFail) {
      problems.push(
        `step "${s.name}" (${s.scope}, ${s.role}) ${failed ? `failed (${s.status})` : "succeeded"}, expected to ${s.mustFail ? "fail" : "succeed"}:\n${s.output.slice(-1500)}`,
      );
    }
  }
  return {
    recorded: inScope.length,
    allowed: inScope.filter((c) => !c.denied.length).length,
    outOfScope: outOfScope.length,
    denied: outOfScope.filter((c) => c.denied.length).length,
    problems,
  };
}

export function summaryLine(mode: ProofMode, record: PhaseVerdict, enforce: PhaseVerdict): string {
  return (
    `${modeName(mode)}: ${record.allowed}/${record.recorded} recorded calls allowed, ` +
    `${record.denied}/${record.outOfScope} out-of-scope calls denied` +
    ` (enforced: ${enforce.allowed}/${enforce.recorded} allowed, ${enforce.denied}/${enforce.outOfScope} denied)`
  );
}
