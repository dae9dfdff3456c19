import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "@cdktf/hcl2json";
import { App, Testing } from "cdktf";
import { deployParamValues, type ExampleEnvironment } from "../../lib/app/deploy-policy-examples";
import { deployPolicyDocuments } from "../../lib/constructs/deploy-policies";
import { renderConcrete, type ConcretePolicy } from "../../lib/policy/render-concrete";
import { parseSettings } from "../../lib/config/load-settings";
import { buildDeployableStacks } from "../../lib/stacks/build-deployable-stacks";
import { simulate } from "../support/simulate";

const ROOT = join(__dirname, "../..");
const shipped = JSON.parse(readFileSync(join(ROOT, "cdktf.json"), "utf8")).context;

/** The inputs of a state-backend call that decide what its deploy policy must allow. */
interface StateBackendInputs {
  readonly bucket_name: string;
  /** The module tags everything `Environment = <environment_name>` (merged with `tags`). */
  readonly environment_name?: string;
  readonly lock_table_name?: string;
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * The state_backend deploy policy the project generates for an environment, with the names the
 * min-provisioner role is given (the provisioner stack passes an environment's overrides).
 */
function stateBackendPolicy(
  env: ExampleEnvironment,
  names: Partial<Record<"state_bucket_name" | "lock_table_name", string>>,
): ConcretePolicy {
  return renderConcrete(deployPolicyDocuments().state_backend, { ...deployParamValues(env), ...names });
}

/** Creating what the module creates with these inputs (lock table included: lock_mode "dynamodb"/"both"). */
async function creationDecisions(
  env: ExampleEnvironment,
  inputs: StateBackendInputs,
  names: Partial<Record<"state_bucket_name" | "lock_table_name", string>> = {},
): Promise<Record<string, string>> {
  const policy = stateBackendPolicy(env, names);
  const run = (action: string, resource: string, context?: Record<string, string>) =>
    simulate({ identityPolicies: [policy], request: { action, resource, context } });
  const table = inputs.lock_table_name ?? `${inputs.bucket_name}-locks`;
  return {
    "s3:CreateBucket": await run("s3:CreateBucket", `arn:aws:s3:::${inputs.bucket_name}`),
    "kms:CreateKey": await run(
      "kms:CreateKey",
      "*",
      (inputs.tags?.Environment ?? inputs.environment_name)
        ? { "aws:RequestTag/Environment": inputs.tags?.Environment ?? inputs.environment_name ?? "" }
        : undefined,
    ),
    "dynamodb:CreateTable": await run(
      "dynamodb:CreateTable",
      `arn:aws:dynamodb:${env.region}:${env.accountId}:table/${table}`,
    ),
  };
}

const ALL_ALLOWED = {
  "s3:CreateBucket": "Allowed",
  "kms:CreateKey": "Allowed",
  "dynamodb:CreateTable": "Allowed",
};

describe("consumer defaults fit the deploy policy the project generates", () => {
  it("README: the state-backend consumer example, unchanged, may create its bucket, key and lock table", async () => {
    const readme = readFileSync(join(ROOT, "README.md"), "utf8");
    const section = readme.slice(readme.indexOf("## Consuming a module"));
    const block = /```hcl\n([\s\S]*?)```/.exec(section)?.[1] ?? "";
    const parsed = (await parse("readme.tf", block)) as { module: { state_backend: StateBackendInputs[] } };
    const inputs = parsed.module.state_backend[0];
    const { environmentName, accountId, region } = shipped.examples;
    expect(await creationDecisions({ environmentName, accountId, region }, inputs)).toEqual(ALL_ALLOWED);
  });

  it("every bootstrap stack passes the state-backend inputs its environment's deploy policy allows", async () => {
    const settings = parseSettings({
      ...shipped,
      environments: [
        { name: "payments", accountId: "210987654321", region: "eu-central-1", lockMode: "dynamodb" },
        { name: "ledger", accountId: "310987654321", region: "us-west-2", lockTableName: "ledger-locks" },
      ],
    });
    const { stacks } = buildDeployableStacks(
      new App({ outdir: mkdtempSync(join(tmpdir(), "stm-consumer-")) }),
      settings,
      {
        projectRoot: ROOT,
      },
    );
    for (const [index, stack] of stacks.entries()) {
      const env = settings.environments[index];
      const inputs = (JSON.parse(Testing.synth(stack)) as { module: { state_backend: StateBackendInputs } })
        .module.state_backend;
      const names = env.lockTableName ? { lock_table_name: env.lockTableName } : {};
      const environment = { environmentName: env.name, accountId: env.accountId, region: env.region };
      expect(await creationDecisions(environment, inputs, names)).toEqual(ALL_ALLOWED);
    }
  });
});
