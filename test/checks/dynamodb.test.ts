import { dynamodbPointInTimeRecovery } from "../../lib/checks/rules/dynamodb/point-in-time-recovery";
import { dynamodbEncryption } from "../../lib/checks/rules/dynamodb/encryption";
import { dynamodbDeletionProtection } from "../../lib/checks/rules/dynamodb/deletion-protection";
import { check } from "./helpers";

const TABLE = "aws_dynamodb_table.lock";
const compliantTable = (): Record<string, unknown> => ({
  name: "${var.lock_table_name}",
  hash_key: "LockID",
  point_in_time_recovery: { enabled: true },
  server_side_encryption: { enabled: true, kms_key_arn: "${aws_kms_key.this.arn}" },
  deletion_protection_enabled: true,
});
const stackOf = (table: Record<string, unknown>) => ({ resource: { aws_dynamodb_table: { lock: table } } });

describe("DynamoDB rules", () => {
  it.each([dynamodbPointInTimeRecovery, dynamodbEncryption, dynamodbDeletionProtection])(
    "$id: the state lock table shape is compliant",
    async (rule) => {
      expect((await check(rule, stackOf(compliantTable()), TABLE)).status).toBe("compliant");
    },
  );

  it.each([
    ["point_in_time_recovery", dynamodbPointInTimeRecovery, { enabled: false }],
    ["server_side_encryption", dynamodbEncryption, undefined],
    ["deletion_protection_enabled", dynamodbDeletionProtection, false],
  ] as const)("weakening %s is non-compliant", async (attribute, rule, value) => {
    const table = { ...compliantTable(), [attribute]: value };
    expect((await check(rule, stackOf(table), TABLE)).status).toBe("non-compliant");
  });
});
