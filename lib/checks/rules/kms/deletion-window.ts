import { compliant, nonCompliant, notApplicable, type ResourceRule } from "../../rule";
import { shown } from "../../stack-view";

/** Below a week, a mistaken or malicious deletion may complete before anyone notices. */
export const MIN_DELETION_WINDOW_DAYS = 7;

export const kmsDeletionWindow: ResourceRule = {
  id: "KMS.DeletionWindow",
  scope: "resource",
  resourceTypes: ["aws_kms_key"],
  info: `The KMS key's deletion window is shorter than ${MIN_DELETION_WINDOW_DAYS} days.`,
  explanation:
    "Deleting a key destroys every object encrypted with it; the waiting period is the only chance to cancel a mistaken or malicious deletion.",
  fix: `Set deletion_window_in_days to at least ${MIN_DELETION_WINDOW_DAYS} (30 is the AWS default) on the aws_kms_key.`,
  evaluate(key) {
    const days = key.config.deletion_window_in_days;
    if (days === undefined) return compliant("unset: AWS waits 30 days");
    const value = typeof days === "string" && /^[0-9]+$/.test(days) ? Number(days) : days;
    if (typeof value !== "number")
      return notApplicable(`deletion_window_in_days is an expression: ${shown(days)}`);
    return value >= MIN_DELETION_WINDOW_DAYS
      ? compliant()
      : nonCompliant(`deletion_window_in_days is ${value}`);
  },
};
