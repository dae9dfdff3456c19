import type { JudgedCall } from "./aws-call";
import { TERRAFORM, tfTest } from "../support/terraform";
import { runFirstSteps } from "./lifecycle";
import { describeCall } from "./loopback-aws";
import { withoutAction } from "../proofs/apply/narrow-policy";
import { PolicyJudge } from "./policy-judge";
import { runPhase, summaryLine, verdict, type PhaseResult, type Policies } from "./proof";
import { MODES, PROOF, modeName, policyInputs, type ProofMode } from "./proof-settings";
import { renderPoliciesWithTerraform } from "./rendered-policies";

/**
 * The state-access policies against the calls the real `terraform` binary's S3 backend makes
 * (issue 15): in every lock mode, with SSE-KMS and SSE-S3, the whole life cycle runs twice against
 * a loopback AWS endpoint. Record: every call is answered and judged against the policy of the
 * role that ran the command (the policies come from `terraform apply` of the generated module).
 * Enforce: the endpoint answers 403 to what the policy denies; Terraform must still succeed in
 * scope and fail under another prefix and in another bucket.
 */

// Without terraform, tfTest skips (and the run fails on CI: test/support/terraform-global-setup.ts).
const tf = TERRAFORM ?? "terraform";

interface ModeProof {
  readonly policies: Policies;
  readonly record: PhaseResult;
  readonly enforce: PhaseResult;
}

const proofs = new Map<string, ModeProof>();

async function prove(mode: ProofMode): Promise<void> {
  const policies = renderPoliciesWithTerraform(tf, policyInputs(mode));
  const record = await runPhase(tf, mode, policies, { enforce: false });
  const enforce = await runPhase(tf, mode, policies, { enforce: true });
  proofs.set(modeName(mode), { policies, record, enforce });
}

const proofOf = (mode: ProofMode): ModeProof => {
  const proof = proofs.get(modeName(mode));
  if (!proof) throw new Error(`the proof for ${modeName(mode)} did not run`);
  return proof;
};

const operations = (calls: readonly JudgedCall[]): Set<string> =>
  new Set(calls.map((c) => `${c.call.service}:${c.call.operation}`));

describe("state-access policies against the real terraform S3 backend", () => {
  beforeAll(async () => {
    // The modes are independent (one endpoint each): in parallel they fit the 2-core budget.
    if (TERRAFORM) await Promise.all(MODES.map(prove));
  }, 240_000);

  tfTest.each(MODES.map((mode) => [modeName(mode), mode] as const))(
    "%s: every recorded call is allowed, every out-of-scope call denied, and enforcement keeps terraform working",
    (_name, mode) => {
      const { record, enforce } = proofOf(mode);
      const recorded = verdict(record);
      const enforced = verdict(enforce);
      process.stdout.write(`${summaryLine(mode, recorded, enforced)}\n`);
      expect(recorded.problems).toEqual([]);
      expect(enforced.problems).toEqual([]);
      expect(recorded.recorded).toBeGreaterThan(100);
      expect(recorded.outOfScope).toBeGreaterThan(0);
      // Enforced: the out-of-scope inits were refused with 403 by the endpoint, not by accident.
      const refused = enforce.calls.filter((c) => c.status === 403);
      expect(refused.length).toBe(enforced.outOfScope);
      for (const step of enforce.steps.filter((s) => s.scope === "out-of-scope")) {
        expect(step.output).toMatch(/AccessDenied|403/);
      }
    },
  );

  tfTest.each(MODES.map((mode) => [modeName(mode), mode] as const))(
    "%s: the life cycle made the calls it is meant to exercise",
    (_name, mode) => {
      const { record } = proofOf(mode);
      const seen = operations(record.calls);
      for (const op of [
        "sts:GetCallerIdentity",
        "s3:ListObjectsV2",
        "s3:HeadObject",
        "s3:GetObject",
        "s3:PutObject",
        "s3:CreateMultipartUpload",
        "s3:UploadPart",
        "s3:CompleteMultipartUpload",
      ]) {
        expect(seen).toContain(op);
      }
      const ranged = record.calls.filter((c) => c.call.operation === "GetObject" && c.call.headers.range);
      expect(ranged.length).toBeGreaterThan(1);
      const lockConflict = record.calls.filter(
        (c) => c.call.step === "plan while the killed apply holds the lock" && [412, 400].includes(c.status),
      );
      expect(lockConflict.length).toBeGreaterThan(0);
      const locked = record.steps.find((s) => s.name === "plan while the killed apply holds the lock");
      expect(locked?.output).toContain("Error acquiring the state lock");
      if (mode.lockMode !== "dynamodb") {
        const conditional = record.calls.filter((c) => c.call.headers["if-none-match"] === "*");
        expect(conditional.length).toBeGreaterThan(0);
        expect(seen).toContain("s3:DeleteObject");
      }
      if (mode.lockMode !== "lockfile") {
        for (const op of ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:DeleteItem"])
          expect(seen).toContain(op);
      }
      const kmsCalls = record.calls
        .flatMap((c) => c.authorizations)
        .filter((a) => a.action.startsWith("kms:"));
      if (mode.sse === "sse-kms") {
        expect(new Set(kmsCalls.map((a) => a.action))).toEqual(
          new Set(["kms:Decrypt", "kms:GenerateDataKey"]),
        );
        for (const a of kmsCalls)
          expect(a.context["kms:ViaService"]).toBe(`s3.${PROOF.region}.amazonaws.com`);
      } else {
        expect(kmsCalls).toEqual([]);
      }
    },
  );

  const narrowMode: ProofMode = { lockMode: "lockfile", sse: "sse-kms" };

  tfTest("a policy without s3:DeleteObject on lock files fails in both phases", async () => {
    const { policies, record } = proofOf(narrowMode);
    const narrowed: Policies = {
      runtime: withoutAction(policies.runtime, "s3:DeleteObject"),
      "read-only": withoutAction(policies["read-only"], "s3:DeleteObject"),
    };
    // Record: the calls terraform made, judged again against the narrowed policies.
    const judge = new PolicyJudge(narrowed, {
      region: PROOF.region,
      accountId: PROOF.accountId,
      missingKey: "list-checked-with-key-as-prefix",
    });
    const denied: string[] = [];
    for (const judged of record.calls.filter((c) => c.call.step && !c.call.step.includes("another"))) {
      const { denied: refused } = await judge.judge(judged.call);
      if (refused.length) denied.push(`${judged.call.operation} ${judged.call.key ?? ""}`);
    }
    expect(denied.length).toBeGreaterThan(0);
    expect(denied.every((line) => line.startsWith("DeleteObject ") && line.endsWith(".tflock"))).toBe(true);
    // Enforce: the real binary cannot release its lock, so the life cycle breaks.
    const enforced = await runPhase(tf, narrowMode, narrowed, { enforce: true, lifecycle: runFirstSteps });
    const problems = verdict(enforced).problems;
    expect(problems.some((p) => p.startsWith("in-scope call denied") && p.includes("s3:DeleteObject"))).toBe(
      true,
    );
    expect(enforced.steps.some((s) => s.status !== 0)).toBe(true);
  });

  describe("404 or 403 for a missing key (first init on a new key)", () => {
    const mode: ProofMode = { lockMode: "lockfile", sse: "sse-s3" };

    tfTest(
      "if S3 checks ListBucket without s3:prefix, the prefix-scoped grant gets 403 and init fails",
      async () => {
        const { policies } = proofOf(mode);
        for (const enforce of [false, true]) {
          const phase = await runPhase(tf, mode, policies, {
            enforce,
            missingKey: "list-checked-without-prefix",
            lifecycle: runFirstSteps,
          });
          const problems = verdict(phase).problems;
          expect(problems.some((p) => p.includes("s3:ListBucket") && p.includes("404 (not 403)"))).toBe(true);
          if (enforce) expect(phase.steps[0]?.status).not.toBe(0);
        }
      },
    );

    tfTest(
      "with the module's list_bucket_without_prefix = true, init on a new key passes in both phases",
      async () => {
        const widened = renderPoliciesWithTerraform(tf, {
          ...policyInputs(mode),
          listBucketWithoutPrefix: true,
        });
        const bucketArn = `arn:aws:s3:::${PROOF.bucket}`;
        for (const policy of Object.values(widened)) {
          const unscoped = policy.Statement.filter(
            (s) => s.Action.includes("s3:ListBucket") && !s.Condition && s.Resource?.includes(bucketArn),
          );
          expect(unscoped.map((s) => s.Sid)).toEqual(["ListBucketForMissingKeys"]);
        }
        for (const enforce of [false, true]) {
          const phase = await runPhase(tf, mode, widened, {
            enforce,
            missingKey: "list-checked-without-prefix",
            lifecycle: runFirstSteps,
          });
          expect(verdict(phase).problems.map((p) => p.slice(0, 300))).toEqual([]);
        }
      },
    );

    tfTest("the fallback is off by default: no unconditioned s3:ListBucket in the default policies", () => {
      const { policies } = proofOf(mode);
      for (const policy of Object.values(policies)) {
        const list = policy.Statement.filter((s) => s.Action.includes("s3:ListBucket"));
        expect(list.every((s) => s.Condition?.StringLike?.["s3:prefix"])).toBe(true);
      }
    });
  });

  tfTest("every denied call is explained with its action, resource and context", () => {
    const { record } = proofOf(narrowMode);
    const outOfScope = record.calls.find((c) => c.denied.length > 0);
    expect(outOfScope).toBeDefined();
    expect(describeCall(outOfScope as JudgedCall)).toMatch(/DENIED s3:\w+ on arn:aws:s3:::/);
  });
});
