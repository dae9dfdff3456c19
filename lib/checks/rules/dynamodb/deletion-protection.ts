import { compliant, nonCompliant, type ResourceRule } from "../../rule";
import { isLiteralTrue, shown } from "../../stack-view";

export const dynamodbDeletionProtection: ResourceRule = {
  id: "DynamoDB.DeletionProtection",
  scope: "resource",
  resourceTypes: ["aws_dynamodb_table"],
  info: "The table does not have deletion protection enabled.",
  explanation:
    "One DeleteTable call (or a careless destroy) would drop the table and its locks or data at once.",
  fix: "Set deletion_protection_enabled = true on the aws_dynamodb_table.",
  evaluate(table) {
    return isLiteralTrue(table.config.deletion_protection_enabled)
      ? compliant()
      : nonCompliant(`deletion_protection_enabled is ${shown(table.config.deletion_protection_enabled)}`);
  },
};
