import {
  BACKEND_KEY_PLACEHOLDER,
  WORKSPACE_KEY_SUFFIX,
  renderBackendConfig,
} from "../../lib/constructs/state-backend";
import { COMBINATIONS, SAMPLE } from "./state-backend-fixture";

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

/** Attribute name -> raw value text, read back from the rendered block. */
function attributesOf(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const match of text.matchAll(/^ {4}([a-z_]+) +=\s(.+)$/gm)) out[match[1]] = match[2];
  return out;
}

describe("backend_config text", () => {
  test.each(COMBINATIONS)("$encryption / $lockMode says what is configured", ({ encryption, lockMode }) => {
    const text = renderBackendConfig(concreteFor(encryption, lockMode));
    expect(text.startsWith('terraform {\n  backend "s3" {\n')).toBe(true);
    const expected: Record<string, string> = {
      bucket: `"${SAMPLE.bucketName}"`,
      key: `"tz/v1/${BACKEND_KEY_PLACEHOLDER}"`,
      // Workspaces and init's listing stay inside the prefix the runtime policy lets it list.
      workspace_key_prefix: '"tz/v1/env"',
      region: `"${SAMPLE.region}"`,
      encrypt: "true",
    };
    if (encryption === "kms") expected.kms_key_id = `"${SAMPLE.kmsKeyArn}"`;
    if (lockMode !== "dynamodb") expected.use_lockfile = "true";
    if (lockMode !== "lockfile") expected.dynamodb_table = `"${SAMPLE.lockTableName}"`;
    expect(attributesOf(text)).toEqual(expected);
  });

  test("values are escaped as HCL strings", () => {
    const text = renderBackendConfig({ ...concreteFor("sse-s3", "lockfile"), key: 'a"b${c}' });
    expect(attributesOf(text).key).toBe('"a\\"b$${c}"');
  });
});
