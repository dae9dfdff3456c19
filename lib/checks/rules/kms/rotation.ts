import { compliant, nonCompliant, notApplicable, type ResourceRule } from "../../rule";
import { isLiteralTrue, shown } from "../../stack-view";

export const kmsRotation: ResourceRule = {
  id: "KMS.Rotation",
  scope: "resource",
  resourceTypes: ["aws_kms_key"],
  info: "The symmetric KMS key does not have automatic rotation enabled.",
  explanation:
    "Rotation limits how much data one key version protects and is required by most compliance baselines; it costs nothing and breaks nothing.",
  fix: "Set enable_key_rotation = true on the aws_kms_key.",
  evaluate(key) {
    const spec = key.config.customer_master_key_spec ?? key.config.key_spec;
    // AWS rotates only symmetric encryption keys; asymmetric and HMAC keys cannot rotate.
    if (spec !== undefined && spec !== "SYMMETRIC_DEFAULT")
      return notApplicable(`key spec ${shown(spec)} cannot rotate`);
    return isLiteralTrue(key.config.enable_key_rotation)
      ? compliant()
      : nonCompliant(`enable_key_rotation is ${shown(key.config.enable_key_rotation)}`);
  },
};
