import { stateReadOnlyPolicy, stateRuntimePolicy } from "../../lib/policy/documents/state-access";
import { renderConcrete } from "../../lib/policy/render-concrete";
import { simulate } from "../support/simulate";
import {
  ARN,
  CONFIGS,
  DELEGATING_KEY_POLICY,
  PARTITION_SAMPLES,
  VIA_S3,
  valuesFor,
} from "./state-access-fixtures";
import { checkTable, policiesFor, type Row } from "./state-access-tables";

// The allowed/denied tables are in ./state-access-tables.ts (runtimeTable, readOnlyTable), per partition.
describe.each(PARTITION_SAMPLES.map((sample) => [sample.partition, sample] as const))(
  "partition %s",
  (_partition, sample) => {
    describe.each(policiesFor(sample))("%s", (_id, document, table) => {
      test.each(CONFIGS.map((c) => [c.name, c.features] as const))(
        "every row holds with %s",
        async (_name, features) => {
          const policy = renderConcrete(document, sample.valuesFor(features));
          expect(await checkTable(policy, table, features, sample)).toEqual([]);
        },
      );
    });
  },
);

describe("the tables themselves", () => {
  test("a row that expects the wrong answer is caught (the check can fail)", async () => {
    const policy = renderConcrete(stateReadOnlyPolicy, valuesFor(["lockfile"]));
    const wrong: Row = {
      why: "write state",
      request: { action: "s3:PutObject", resource: ARN.state },
      expect: "Allowed",
    };
    expect(await checkTable(policy, [wrong], ["lockfile"])).toHaveLength(1);
  });

  test("an identity policy alone does not unlock the KMS key: the key policy must allow or delegate", async () => {
    const policy = renderConcrete(stateRuntimePolicy, valuesFor(["lockfile", "kms"]));
    const request = { action: "kms:Decrypt", resource: ARN.key, context: VIA_S3 };
    expect(await simulate({ identityPolicies: [policy], request })).toBe("ImplicitlyDenied");
    expect(
      await simulate({ identityPolicies: [policy], resourcePolicy: DELEGATING_KEY_POLICY, request }),
    ).toBe("Allowed");
  });
});
