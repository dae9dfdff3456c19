import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { runApp, runCdktf, shippedContext, temporaryProject } from "./temp-project";

const PAYMENTS = {
  name: "payments",
  accountId: "210987654321",
  region: "eu-central-1",
  trustedPrincipalArns: ["arn:aws:iam::210987654321:role/payments-ci"],
  // As if its bootstrap were deployed: the provisioner's backend needs the key it created.
  stateKmsKeyArn: "arn:aws:kms:eu-central-1:210987654321:key/6a1e2b3c-4d5e-4f60-8a7b-9c0d1e2f3a4b",
};
const DEPLOYABLE =
  "Deployable stacks: bootstrap-payments-210987654321-eu-central-1, provisioner-payments-210987654321-eu-central-1";

/** Bad per-environment settings: a wildcard principal, an unknown lock mode, the shipped example's principal. */
const BAD_ENVIRONMENTS = [
  { ...PAYMENTS, trustedPrincipalArns: ["arn:aws:iam::210987654321:role/*"], lockMode: "redis" },
  {
    name: "ledger",
    accountId: "310987654321",
    region: "us-west-2",
    trustedPrincipalArns: ["arn:aws:iam::123456789012:role/platform-ci"],
  },
];
const BAD_LINES = [
  'context.environments.0.trustedPrincipalArns.0 = "arn:aws:iam::210987654321:role/*": must be an IAM principal ARN without wildcards',
  'context.environments.0.lockMode = "redis": must be one of lockfile, dynamodb, both',
  'context.environments.1.trustedPrincipalArns.0 = "arn:aws:iam::123456789012:role/platform-ci": names account 123456789012',
];
const count = (text: string, part: string) => text.split(part).length - 1;

describe("the real cdktf CLI", () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it("refuses to deploy a module stack at once, after listing the deployable stacks", () => {
    const dir = temporaryProject({ ...shippedContext(), environments: [PAYMENTS] });
    dirs.push(dir);
    const run = runCdktf(dir, ["deploy", "state-access-policy", "--auto-approve"]);
    // Before: the stack was deployable and terraform waited for var.bucket_name on stdin.
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("Could not find stack for pattern 'state-access-policy'");
    expect(run.stdout).toContain(DEPLOYABLE);
  });

  it("prints each settings problem once, exits 1 and writes nothing", () => {
    const dir = temporaryProject({ ...shippedContext(), environments: BAD_ENVIRONMENTS });
    dirs.push(dir);
    const run = runCdktf(dir, ["synth"]);
    expect(run.status).toBe(1);
    for (const line of BAD_LINES) expect(count(run.stdout + run.stderr, line)).toBe(1);
    expect(run.stdout + run.stderr).not.toMatch(/\n\s+at /);
    expect(readdirSync(dir).sort()).toEqual(["cdktf.json", "module-versions.json"]);
  });

  it("never deploys the stacks of an earlier synth once the settings are broken", () => {
    const dir = temporaryProject({ ...shippedContext(), environments: [PAYMENTS] });
    dirs.push(dir);
    expect(runApp(dir).status).toBe(0);
    const modulesOut = readFileSync(join(dir, "modules-out", "hcl", "state-backend", "main.tf"), "utf8");
    const cdktfJson = JSON.parse(readFileSync(join(dir, "cdktf.json"), "utf8"));
    writeFileSync(
      join(dir, "cdktf.json"),
      JSON.stringify({ ...cdktfJson, context: { ...cdktfJson.context, environments: BAD_ENVIRONMENTS } }),
    );
    const run = runCdktf(dir, ["deploy", "bootstrap-payments-210987654321-eu-central-1", "--auto-approve"]);
    expect(run.status).toBe(1);
    for (const line of BAD_LINES) expect(count(run.stdout + run.stderr, line)).toBe(1);
    // terraform never ran: no local state, no .terraform folder.
    expect(existsSync(join(dir, "terraform.bootstrap-payments-210987654321-eu-central-1.tfstate"))).toBe(
      false,
    );
    expect(
      existsSync(
        join(dir, "cdktf.out", "stacks", "bootstrap-payments-210987654321-eu-central-1", ".terraform"),
      ),
    ).toBe(false);
    expect(readFileSync(join(dir, "modules-out", "hcl", "state-backend", "main.tf"), "utf8")).toBe(
      modulesOut,
    );
  });
});
