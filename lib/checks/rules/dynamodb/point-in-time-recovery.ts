import { compliant, nonCompliant, type ResourceRule } from "../../rule";
import { blocksOf, isLiteralTrue } from "../../stack-view";

export const dynamodbPointInTimeRecovery: ResourceRule = {
  id: "DynamoDB.PointInTimeRecovery",
  scope: "resource",
  resourceTypes: ["aws_dynamodb_table"],
  info: "The table does not have point-in-time recovery enabled.",
  explanation:
    "Without PITR, items deleted or overwritten by mistake (or by an attacker) cannot be restored.",
  fix: "Set point_in_time_recovery { enabled = true } on the aws_dynamodb_table.",
  evaluate(table) {
    return blocksOf(table.config.point_in_time_recovery).some((block) => isLiteralTrue(block.enabled))
      ? compliant()
      : nonCompliant("point_in_time_recovery.enabled is not true");
  },
};
