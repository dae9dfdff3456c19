import { kmsRotation } from "../../lib/checks/rules/kms/rotation";
import { kmsKeyPolicyAdmin } from "../../lib/checks/rules/kms/key-policy-admin";
import { kmsDeletionWindow } from "../../lib/checks/rules/kms/deletion-window";
import { check } from "./helpers";

const KEY = "aws_kms_key.this";
const ROOT_DELEGATION = {
  Sid: "AccountRootDelegation",
  Effect: "Allow",
  Principal: { AWS: "arn:aws:iam::123456789012:root" },
  Action: "kms:*",
  Resource: "*",
};
const keyStack = (config: Record<string, unknown>) => ({ resource: { aws_kms_key: { this: config } } });
const withPolicy = (statements: object[]) =>
  keyStack({
    enable_key_rotation: true,
    policy: JSON.stringify({ Version: "2012-10-17", Statement: statements }),
  });

describe("KMS rules", () => {
  it("KMS.Rotation: enabled is compliant, unset or false is not", async () => {
    expect((await check(kmsRotation, keyStack({ enable_key_rotation: true }), KEY)).status).toBe("compliant");
    expect((await check(kmsRotation, keyStack({}), KEY)).status).toBe("non-compliant");
    expect((await check(kmsRotation, keyStack({ enable_key_rotation: false }), KEY)).detail).toContain(
      "false",
    );
  });

  it("KMS.Rotation: asymmetric keys cannot rotate, so the rule does not apply", async () => {
    const stack = keyStack({ customer_master_key_spec: "RSA_2048" });
    expect((await check(kmsRotation, stack, KEY)).status).toBe("not-applicable");
  });

  it("KMS.DeletionWindow: 7 or more days (or unset) is compliant, fewer is not", async () => {
    expect((await check(kmsDeletionWindow, keyStack({ deletion_window_in_days: 30 }), KEY)).status).toBe(
      "compliant",
    );
    expect((await check(kmsDeletionWindow, keyStack({ deletion_window_in_days: 7 }), KEY)).status).toBe(
      "compliant",
    );
    expect((await check(kmsDeletionWindow, keyStack({}), KEY)).status).toBe("compliant");
    expect((await check(kmsDeletionWindow, keyStack({ deletion_window_in_days: 6 }), KEY)).status).toBe(
      "non-compliant",
    );
  });

  it("KMS.KeyPolicyNoWildcardGrant: root delegation plus scoped grants is compliant", async () => {
    const stack = withPolicy([
      ROOT_DELEGATION,
      {
        Sid: "StateRoleUsesKey",
        Effect: "Allow",
        Principal: { AWS: "arn:aws:iam::123456789012:role/tz-ci" },
        Action: ["kms:Decrypt", "kms:GenerateDataKey"],
        Resource: "*",
      },
    ]);
    expect((await check(kmsKeyPolicyAdmin, stack, KEY)).status).toBe("compliant");
  });

  it("KMS.KeyPolicyNoWildcardGrant: kms:* to a role is non-compliant, naming the role", async () => {
    const stack = withPolicy([
      ROOT_DELEGATION,
      {
        Sid: "Admins",
        Effect: "Allow",
        Principal: { AWS: "arn:aws:iam::123456789012:role/admin" },
        Action: "kms:*",
        Resource: "*",
      },
    ]);
    const finding = await check(kmsKeyPolicyAdmin, stack, KEY);
    expect(finding.status).toBe("non-compliant");
    expect(finding.detail).toContain(
      'statement "Admins" grants kms:* to arn:aws:iam::123456789012:role/admin',
    );
  });

  it("KMS.KeyPolicyNoWildcardGrant: a separate aws_kms_key_policy is checked too", async () => {
    const stack = {
      resource: {
        aws_kms_key: { this: { enable_key_rotation: true } },
        aws_kms_key_policy: {
          this: {
            key_id: "${aws_kms_key.this.id}",
            policy: JSON.stringify({
              Version: "2012-10-17",
              Statement: [{ ...ROOT_DELEGATION, Principal: "*" }],
            }),
          },
        },
      },
    };
    expect((await check(kmsKeyPolicyAdmin, stack, KEY)).status).toBe("non-compliant");
  });
});
