import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { runApp, shippedContext, temporaryProject, type Run } from "./temp-project";

/** The scenario: a team's own two environments, `examples` left as shipped. */
const PAYMENTS = {
  name: "payments",
  accountId: "210987654321",
  region: "eu-central-1",
  trustedPrincipalArns: ["arn:aws:iam::210987654321:role/payments-ci"],
  // The key its deployed bootstrap created (README: recorded, or read from the bootstrap's state).
  stateKmsKeyArn: "arn:aws:kms:eu-central-1:210987654321:key/6a1e2b3c-4d5e-4f60-8a7b-9c0d1e2f3a4b",
};
const LEDGER = {
  name: "ledger",
  accountId: "310987654321",
  region: "us-west-2",
  trustedPrincipalArns: ["arn:aws:iam::310987654321:role/ledger-ci", "arn:aws:iam::310987654321:root"],
  stateKmsKeyArn: "arn:aws:kms:us-west-2:310987654321:key/7b2f3c4d-5e6f-4a70-9b8c-0d1e2f3a4b5c",
};

interface StackJson {
  terraform: { backend: Record<string, Record<string, unknown>> };
  module: Record<string, Record<string, unknown>>;
}

interface Synthesized {
  readonly dir: string;
  readonly run: Run;
  /** Stack names in cdktf.out/manifest.json: what `cdktf deploy` can see. */
  readonly deployable: string[];
  readonly stack: (name: string) => StackJson;
  /** Every file of every deployable stack folder, as text. */
  readonly deployableText: () => string;
}

function synthesize(context: Record<string, unknown>): Synthesized {
  const dir = temporaryProject(context);
  const run = runApp(dir);
  const outdir = join(dir, "cdktf.out");
  const manifest = existsSync(join(outdir, "manifest.json"))
    ? (JSON.parse(readFileSync(join(outdir, "manifest.json"), "utf8")) as { stacks: Record<string, unknown> })
    : { stacks: {} };
  const deployable = Object.keys(manifest.stacks);
  const stackDir = (name: string) => join(outdir, "stacks", name);
  return {
    dir,
    run,
    deployable,
    stack: (name) => JSON.parse(readFileSync(join(stackDir(name), "cdk.tf.json"), "utf8")) as StackJson,
    deployableText: () =>
      deployable
        .flatMap((name) =>
          readdirSync(stackDir(name)).map((file) => readFileSync(join(stackDir(name), file), "utf8")),
        )
        .join("\n"),
  };
}

/** Every string in a JSON value, keys included. */
const stringsOf = (value: unknown): string[] =>
  typeof value === "string"
    ? [value]
    : Array.isArray(value)
      ? value.flatMap(stringsOf)
      : value && typeof value === "object"
        ? Object.entries(value).flatMap(([key, inner]) => [key, ...stringsOf(inner)])
        : [];

describe("two environments of a new team, examples as shipped, min-provisioner published", () => {
  let result: Synthesized;
  beforeAll(() => {
    result = synthesize({ ...shippedContext(), environments: [PAYMENTS, LEDGER] });
  });
  afterAll(() => rmSync(result.dir, { recursive: true, force: true }));

  it("synthesizes, and the deployable stacks are exactly a bootstrap and a provisioner per environment", () => {
    expect(result.run.stderr).toBe("");
    expect(result.run.status).toBe(0);
    expect(result.deployable.sort()).toEqual([
      "bootstrap-ledger-310987654321-us-west-2",
      "bootstrap-payments-210987654321-eu-central-1",
      "provisioner-ledger-310987654321-us-west-2",
      "provisioner-payments-210987654321-eu-central-1",
    ]);
    expect(result.run.stdout).toContain(
      "Deployable stacks: bootstrap-payments-210987654321-eu-central-1, provisioner-payments-210987654321-eu-central-1, bootstrap-ledger-310987654321-us-west-2, provisioner-ledger-310987654321-us-west-2",
    );
  });

  it("each provisioner trusts its own environment's principals only, with state in its own bucket and prefix", () => {
    for (const env of [PAYMENTS, LEDGER]) {
      const stack = result.stack(`provisioner-${env.name}-${env.accountId}-${env.region}`);
      expect(stack.module.min_provisioner.trusted_principal_arns).toEqual(env.trustedPrincipalArns);
      expect(stack.module.min_provisioner.environment_name).toBe(env.name);
      expect(stack.terraform.backend.s3).toMatchObject({
        bucket: `${env.name}-state-${env.accountId}-${env.region}`,
        key: `${env.name}/v1/provisioner/terraform.tfstate`,
        region: env.region,
      });
    }
  });

  it("no deployable stack holds a value of `examples`", () => {
    const examples = shippedContext().examples as Record<string, string | string[]>;
    const leaked = result.deployable.flatMap((name) =>
      stringsOf(result.stack(name))
        .filter(
          (text) =>
            text === examples.environmentName ||
            text.startsWith(`${String(examples.environmentName)}-`) ||
            [
              examples.accountId,
              examples.region,
              examples.stateKeyPrefix,
              ...examples.trustedPrincipalArns,
            ].some((value) => text.includes(String(value))),
        )
        .map((text) => `${name}: ${text}`),
    );
    expect(leaked).toEqual([]);
  });

  it("module stacks are not deployable: cdktf's manifest has none of them", () => {
    expect(result.deployable.filter((name) => !/^(bootstrap|provisioner)-/.test(name))).toEqual([]);
    for (const module of ["state-backend", "state-access-policy", "deploy-policies", "min-provisioner"]) {
      expect(existsSync(join(result.dir, "modules-out", "hcl", module, "variables.tf"))).toBe(true);
    }
  });
});

describe("examples with distinctive values", () => {
  const distinctive = {
    environmentName: "exmplzq",
    accountId: "999988887777",
    region: "ap-southeast-3",
    stateKeyPrefix: "exmplzq/v9/",
    trustedPrincipalArns: ["arn:aws:iam::999988887777:role/exmplzq-ci"],
  };
  let result: Synthesized;
  beforeAll(() => {
    result = synthesize({ ...shippedContext(), examples: distinctive, environments: [PAYMENTS, LEDGER] });
  });
  afterAll(() => rmSync(result.dir, { recursive: true, force: true }));

  it("reach modules-out/policies/ and no byte of any deployable stack", () => {
    expect(result.run.status).toBe(0);
    const policies = readdirSync(join(result.dir, "modules-out", "policies"))
      .map((file) => readFileSync(join(result.dir, "modules-out", "policies", file), "utf8"))
      .join("\n");
    expect(policies).toContain("999988887777");
    expect(policies).toContain("exmplzq");
    const deployable = result.deployableText();
    expect(deployable).toContain("payments-ci");
    for (const value of ["exmplzq", "999988887777", "ap-southeast-3"])
      expect(deployable).not.toContain(value);
  });
});

describe("an environment without trustedPrincipalArns", () => {
  let result: Synthesized;
  beforeAll(() => {
    const untrusted = { name: LEDGER.name, accountId: LEDGER.accountId, region: LEDGER.region };
    result = synthesize({ ...shippedContext(), environments: [PAYMENTS, untrusted] });
  });
  afterAll(() => rmSync(result.dir, { recursive: true, force: true }));

  it("gets no provisioner, and synth says so in one line", () => {
    expect(result.deployable).not.toContain("provisioner-ledger-310987654321-us-west-2");
    expect(result.deployable).toContain("provisioner-payments-210987654321-eu-central-1");
    const lines = result.run.stdout.split("\n").filter((line) => line.startsWith("No provisioner"));
    expect(lines).toEqual([
      'No provisioner stack for environment "ledger" (310987654321, us-west-2): set context.environments.1.trustedPrincipalArns in cdktf.json to create provisioner-ledger-310987654321-us-west-2.',
    ]);
  });
});
