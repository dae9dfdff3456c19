import {
  BACKEND_KEY_PLACEHOLDER,
  WORKSPACE_KEY_SUFFIX,
  renderBackendConfig,
} from "../../lib/constructs/state-backend";
import {
  COMBINATIONS,
  SAMPLE,
  offline,
  offlineConfig,
  offlineVars,
  synthStateBackendModule,
  unwrap,
} from "./state-backend-fixture";
import { evaluateJson, isFmtCanonical, requireTerraform, tfTest } from "../support/terraform";

/** The concrete values a combination's backend block should carry. */
function concreteFor(encryption: string, lockMode: string) {
  return {
    bucket: SAMPLE.bucketName,
    key: `${SAMPLE.stateKeyPrefix}${BACKEND_KEY_PLACEHOLDER}`,
    workspaceKeyPrefix: `${SAMPLE.stateKeyPrefix}${WORKSPACE_KEY_SUFFIX}`,
    region: SAMPLE.region,
    kmsKeyId: encryption === "kms" ? SAMPLE.kmsKeyArn : undefined,
    useLockfile: lockMode !== "dynamodb",
    dynamodbTable: lockMode === "lockfile" ? undefined : SAMPLE.lockTableName,
  };
}

// Split from backend-config.test.ts: the tests that run terraform (the in-process ones stay there).
describe("backend_config text", () => {
  tfTest.each(COMBINATIONS)(
    "$encryption / $lockMode passes terraform fmt -check",
    ({ encryption, lockMode }) => {
      const terraform = requireTerraform();
      const text = renderBackendConfig(concreteFor(encryption, lockMode));
      const result = isFmtCanonical(terraform, text);
      expect({ ok: result.ok, detail: result.detail, text }).toEqual({ ok: true, detail: "", text });
    },
  );

  tfTest("fmt check is a real check: misaligned text is refused", () => {
    const terraform = requireTerraform();
    const text = renderBackendConfig(concreteFor("kms", "both")).replace(/bucket +=/, "bucket =");
    expect(isFmtCanonical(terraform, text).ok).toBe(false);
  });
});

describe("backend_config output of the module", () => {
  const synthesized = synthStateBackendModule();

  tfTest.each(COMBINATIONS)(
    "$encryption / $lockMode evaluates (terraform console) to exactly the TS rendering",
    ({ encryption, lockMode }) => {
      const terraform = requireTerraform();
      const expression = offline(unwrap(synthesized.output.backend_config.value));
      const value = evaluateJson(
        terraform,
        offlineConfig(synthesized, { encryption, lockMode }),
        expression,
        offlineVars({ encryption, lockMode }),
      );
      expect(value).toBe(renderBackendConfig(concreteFor(encryption, lockMode)));
    },
  );
});
