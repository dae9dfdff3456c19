import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { App } from "cdktf";
import { DeployPolicies } from "../../lib/constructs/deploy-policies";
import { compareWithSeed, SEED_POLICIES } from "../../lib/permissions/seed-comparison";
import { DEPLOY_POLICY_BINDINGS } from "../../lib/stacks/deploy-policies-module";

/** The seed documents' JSON, vendored verbatim (see its README): a clone alone runs this test. */
const FIXTURES = join(__dirname, "..", "fixtures", "seed-policies");

interface SeedStatement {
  Action: string | string[];
  Resource: string | string[];
}

function statementsOf(file: string): SeedStatement[] {
  const json = JSON.parse(readFileSync(join(FIXTURES, file), "utf8")) as {
    Statement?: SeedStatement[];
  } & SeedStatement;
  return json.Statement ?? [json];
}
const list = (value: string | string[]) => (typeof value === "string" ? [value] : value);

describe.each(SEED_POLICIES.map((seed) => [seed.seed, seed] as const))("seed %s comparison", (_id, seed) => {
  test("embedded actions, resources and size equal the fixture files", () => {
    const statements = seed.files.flatMap(statementsOf);
    expect(seed.actions).toEqual([...new Set(statements.flatMap((s) => list(s.Action)))]);
    expect(seed.resources).toEqual([...new Set(statements.flatMap((s) => list(s.Resource)))]);
    const size = seed.files
      .map((file) => readFileSync(join(FIXTURES, file), "utf8").replace(/\s+/g, "").length)
      .reduce((a, b) => a + b, 0);
    expect(seed.size).toBe(size);
  });

  test("every seed action is either shared or dropped with a reason, and no action wildcard survives", () => {
    const c = compareWithSeed(seed);
    for (const action of seed.actions.filter((a) => !a.includes("*"))) {
      const accounted = c.both.includes(action) || c.dropped.some((d) => d.action === action);
      expect(accounted).toBe(true);
    }
    expect(c.dropped.every((d) => d.why.length > 10)).toBe(true);
    expect(c.added.every((a) => a.why.length > 10)).toBe(true);
    expect([...c.both, ...c.added.map((a) => a.action)].some((a) => a.includes("*"))).toBe(false);
    // With the longest names the variables accept (and an ECS role boundary), ecs_compute outgrows
    // 6,144 since KMS management needs the key's Environment tag (one more conditioned statement):
    // its output then checks the rendered size at plan time (test/deploy/deploy-policies-terraform),
    // and aws_least_privileged_policies is split to fit.
    const sizedAtPlan = new DeployPolicies(new App(), "sized", { bindings: DEPLOY_POLICY_BINDINGS })
      .sizedAtPlan;
    expect(c.derivedSizeInAws <= 6144 || sizedAtPlan.has("ecs_compute")).toBe(true);
  });
});

test("the vendored folder holds exactly the seed files the comparison names", () => {
  const json = readdirSync(FIXTURES).filter((file) => file.endsWith(".json"));
  expect(json.sort()).toEqual(SEED_POLICIES.flatMap((seed) => seed.files).sort());
});

test("ecs_compute keeps update and delete actions the seed forgot", () => {
  const c = compareWithSeed(SEED_POLICIES[0]);
  expect(c.added.map((a) => a.action)).toEqual(
    expect.arrayContaining(["iam:CreatePolicyVersion", "iam:DeletePolicyVersion"]),
  );
  expect(c.actionWildcards.find((w) => w.pattern === "s3:PutBucket*")?.granted).not.toContain(
    "s3:PutBucketAcl",
  );
});
