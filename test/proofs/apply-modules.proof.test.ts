import { TERRAFORM } from "../support/terraform";
import { awsDescribe } from "../support/local-aws";
import type { DeployProfileId } from "../../lib/permissions/deploy-profile";
import { profilePolicySet, unionPolicySet } from "./apply/accounts";
import {
  ApplyProof,
  inParallel,
  judgeRuns,
  summaryLine,
  type RootRun,
  type RootSpec,
} from "./apply/apply-proof";
import { auroraClusterRoot, ecsComputeRoot } from "./apply/example-roots";
import { minProvisionerRoot, stateBackendRoots, stateBucket } from "./apply/module-roots";
import { withResource, withoutAction } from "./apply/narrow-policy";
import type { PolicySet } from "./apply/policy-judge";
import { readRecordedCalls, recordedCallRows, writeRecordedCalls } from "./apply/recorded-fixture";

/**
 * The provider modules and the examples (aurora-cluster, ecs-compute) applied for real (issue 19): hashicorp/aws 5.100 from the mirror against
 * moto, each root in an account of its own, all at once. Record: the whole life cycle (apply; plan = no changes;
 * update; plan = no changes; protections lifted in the test copy; destroy), every call the provider
 * logged joined with the proxy's copy and judged against the profile's generated deploy policy,
 * alone and as the split union. Enforce: the same life cycle through a proxy that answers
 * AccessDenied to what the policy denies must still succeed; a policy narrowed by one action or one
 * resource fails the record's judgement and the enforced apply.
 */
const PROFILES: readonly DeployProfileId[] = [
  "state_backend",
  "min_provisioner",
  "aurora_cluster",
  "ecs_compute",
];
const ROOTS: readonly RootSpec[] = [
  auroraClusterRoot(),
  ecsComputeRoot(),
  ...stateBackendRoots(),
  minProvisionerRoot("json"),
];

const narrowed: Record<string, { spec: RootSpec; policy: (account: string) => PolicySet }> = {
  "state_backend without s3:PutBucketVersioning": {
    spec: stateBackendRoots()[0] as RootSpec,
    policy: (account) => {
      const set = profilePolicySet("state_backend", account);
      return { ...set, policies: set.policies.map((p) => withoutAction(p, "s3:PutBucketVersioning")) };
    },
  },
  "state_backend on another bucket": {
    spec: stateBackendRoots()[0] as RootSpec,
    policy: (account) => {
      const set = profilePolicySet("state_backend", account);
      const own = `arn:aws:s3:::${stateBucket(account)}`;
      return { ...set, policies: set.policies.map((p) => withResource(p, own, `${own}-other`)) };
    },
  },
  "min_provisioner without iam:CreatePolicy": {
    spec: minProvisionerRoot("json"),
    policy: (account) => {
      const set = profilePolicySet("min_provisioner", account);
      return { ...set, policies: set.policies.map((p) => withoutAction(p, "iam:CreatePolicy")) };
    },
  },
  "min_provisioner on another role": {
    spec: minProvisionerRoot("json"),
    policy: (account) => {
      const set = profilePolicySet("min_provisioner", account);
      const own = `arn:aws:iam::${account}:role/tz-MinProvisioner`;
      return { ...set, policies: set.policies.map((p) => withResource(p, own, `${own}Other`)) };
    },
  },
};

/**
 * The examples' record against narrowed policies (their enforced runs with a narrowed policy are
 * left out for time: the same proxy's refusal is proven on the provider modules above).
 */
const narrowedRecordOnly: Record<string, { root: string; policy: (account: string) => PolicySet }> = {
  "aurora_cluster without rds:CreateDBCluster": {
    root: "example aurora-cluster",
    policy: (account) =>
      narrowedSet("aurora_cluster", account, (p) => withoutAction(p, "rds:CreateDBCluster")),
  },
  "aurora_cluster on another cluster": {
    root: "example aurora-cluster",
    policy: (account) =>
      narrowedSet("aurora_cluster", account, (p) =>
        withResource(
          p,
          `arn:aws:rds:eu-west-1:${account}:cluster:tz-aurora`,
          `arn:aws:rds:eu-west-1:${account}:cluster:tz-other`,
        ),
      ),
  },
  "ecs_compute without logs:CreateLogGroup": {
    root: "example ecs-compute",
    policy: (account) => narrowedSet("ecs_compute", account, (p) => withoutAction(p, "logs:CreateLogGroup")),
  },
  "ecs_compute on other log groups": {
    root: "example ecs-compute",
    policy: (account) =>
      narrowedSet("ecs_compute", account, (p) =>
        withResource(
          p,
          `arn:aws:logs:eu-west-1:${account}:log-group:/tz-orchestra/ecs-*`,
          `arn:aws:logs:eu-west-1:${account}:log-group:/tz-other/ecs-*`,
        ),
      ),
  },
};

function narrowedSet(
  profile: DeployProfileId,
  account: string,
  narrow: (policy: PolicySet["policies"][number]) => PolicySet["policies"][number],
): PolicySet {
  const set = profilePolicySet(profile, account);
  return { ...set, policies: set.policies.map(narrow) };
}

awsDescribe("provider modules applied by the real provider against the local AWS", () => {
  let proof: ApplyProof;
  let record: RootRun[] = [];
  let enforce: RootRun[] = [];
  let narrowedRuns: Record<string, RootRun> = {};

  beforeAll(async () => {
    proof = await ApplyProof.start(TERRAFORM ?? "terraform");
    const alone = (spec: RootSpec) => (account: string) => profilePolicySet(spec.profile, account);
    // Record and enforce share one run per root: the enforcing proxy relays what the policy allows
    // and every call is still logged and judged, so a green run is exactly an unenforced run. With
    // APPLY_PROOF_RECORD_FIRST=1 every root also runs unenforced first, to see every missing
    // permission at once instead of the first AccessDenied.
    const recordFirst = process.env.APPLY_PROOF_RECORD_FIRST === "1";
    const tasks = [
      ...Object.values(narrowed).map(
        ({ spec, policy }) =>
          () =>
            proof.run(spec, "enforce", policy, ["apply"]),
      ),
      ...ROOTS.map((spec) => () => proof.run(spec, "enforce", alone(spec))),
      ...(recordFirst ? ROOTS.map((spec) => () => proof.run(spec, "record", alone(spec))) : []),
    ];
    const runs = await inParallel(tasks, tasks.length);
    const count = Object.keys(narrowed).length;
    narrowedRuns = Object.fromEntries(Object.keys(narrowed).map((name, i) => [name, runs[i] as RootRun]));
    enforce = runs.slice(count, count + ROOTS.length);
    record = recordFirst ? runs.slice(count + ROOTS.length) : enforce;
  }, 600_000);

  afterAll(async () => proof?.stop());

  const lifecycleOf = (run: RootRun) =>
    run.lifecycle.steps.map((s) => ({
      step: s.step,
      ok: s.ok,
      ...(s.ok ? {} : { output: s.output.slice(-3000) }),
    }));

  test.each(ROOTS.map((spec, i) => [spec.name, i] as const))(
    "record: %s completes its life cycle",
    (_name, i) => {
      const run = record[i] as RootRun;
      expect(lifecycleOf(run)).toEqual(
        ["apply", "plan", "update", "replan", "lift", "destroy"].map((step) => ({ step, ok: true })),
      );
    },
  );

  test("every call the provider logged reached the proxy, read as the same operation", () => {
    const mismatches = record.flatMap((run) =>
      run.recorded
        .filter(
          (call) =>
            call.proxied?.wire.operation !== call.logged.operation ||
            call.proxied?.wire.service !== call.logged.signingService,
        )
        .map(
          (call) =>
            `${run.spec.name}: logged ${call.logged.signingService}:${call.logged.operation}, proxy ${call.proxied?.wire.service}:${call.proxied?.wire.operation}`,
        ),
    );
    expect(mismatches).toEqual([]);
    expect(record.every((run) => run.recorded.length > 0)).toBe(true);
  });

  test.each(PROFILES)(
    "%s: every recorded call is allowed by its deploy policy, alone and as the split union",
    async (profile) => {
      const runs = record.filter((run) => run.spec.profile === profile);
      const alone = await judgeRuns(runs, (account) => profilePolicySet(profile, account));
      const union = await judgeRuns(runs, unionPolicySet);
      process.stderr.write(
        `${summaryLine(profile, alone)}\n${summaryLine(`${profile} in the union (split)`, union)}\n`,
      );
      expect(alone.problems).toEqual([]);
      expect(union.problems).toEqual([]);
      expect(alone.total).toBeGreaterThan(0);
    },
  );

  test.each(ROOTS.map((spec, i) => [spec.name, i] as const))(
    "enforce: %s completes its life cycle under its policy",
    (_name, i) => {
      const run = enforce[i] as RootRun;
      const refused = run.recorded.filter((call) => call.proxied && call.proxied.status === 403);
      expect(refused.map((c) => c.logged.operation)).toEqual([]);
      expect(lifecycleOf(run)).toEqual(
        ["apply", "plan", "update", "replan", "lift", "destroy"].map((step) => ({ step, ok: true })),
      );
    },
  );

  test.each(Object.keys(narrowed))("a policy %s fails the record and the enforced apply", async (name) => {
    const { spec, policy } = narrowed[name] as (typeof narrowed)[string];
    const recorded = record.filter((run) => run.spec.name === spec.name);
    const verdict = await judgeRuns(recorded, policy);
    expect(verdict.allowed).toBeLessThan(verdict.total);
    const run = narrowedRuns[name] as RootRun;
    expect(run.lifecycle.ok).toBe(false);
    expect(run.lifecycle.steps[0]?.output).toMatch(/AccessDenied|not authorized/);
  });

  test.each(Object.keys(narrowedRecordOnly))(
    "record: a policy %s denies some recorded call",
    async (name) => {
      const { root, policy } = narrowedRecordOnly[name] as (typeof narrowedRecordOnly)[string];
      const verdict = await judgeRuns(
        record.filter((run) => run.spec.name === root),
        policy,
      );
      expect(verdict.total).toBeGreaterThan(0);
      expect(verdict.allowed).toBeLessThan(verdict.total);
    },
  );

  test("the committed record of calls (test/fixtures/recorded-calls.json) is what the provider called", () => {
    const rows = recordedCallRows(record);
    const committed = readRecordedCalls();
    const fresh = {
      provider: "hashicorp/aws 5.100.0",
      generatedBy: "test/proofs/apply-modules.proof.test.ts (UPDATE_RECORDED_CALLS=1 to rewrite)",
      profiles: { ...(committed?.profiles ?? {}), ...rows },
    };
    if (process.env.UPDATE_RECORDED_CALLS === "1") writeRecordedCalls(fresh);
    const stale = Object.keys(rows).filter(
      (profile) => JSON.stringify(readRecordedCalls()?.profiles[profile]) !== JSON.stringify(rows[profile]),
    );
    // Stale: run `UPDATE_RECORDED_CALLS=1 npm run test:proofs -- apply-modules` and commit the file.
    expect(stale).toEqual([]);
  });
});
