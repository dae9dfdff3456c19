import { compliant, nonCompliant, type ResourceRule } from "../../rule";
import { blocksOf, isLiteralTrue } from "../../stack-view";

export const dynamodbEncryption: ResourceRule = {
  id: "DynamoDB.KmsEncryption",
  scope: "resource",
  resourceTypes: ["aws_dynamodb_table"],
  info: "The table is not encrypted with a KMS key (server_side_encryption is not enabled).",
  explanation:
    "With the AWS-owned default key nobody can audit or restrict use of the key; a KMS key adds CloudTrail records and a key policy.",
  fix: "Set server_side_encryption { enabled = true } (optionally with kms_key_arn) on the aws_dynamodb_table.",
  evaluate(table) {
    return blocksOf(table.config.server_side_encryption).some((block) => isLiteralTrue(block.enabled))
      ? compliant()
      : nonCompliant("server_side_encryption.enabled is not true");
  },
};
