import { renderConcrete, type ConcreteStatement } from "../../lib/policy/render-concrete";
import { stateBucketPolicy } from "../../lib/policy/documents/state-bucket-policy";
import { stateKeyPolicy } from "../../lib/policy/documents/state-key-policy";
import { validatePolicy } from "../../lib/policy/validate";
import { SAMPLE, SAMPLE_PARTITION } from "./state-backend-fixture";

const bucketArn = `arn:aws:s3:::${SAMPLE.bucketName}`;
const kmsMode = renderConcrete(stateBucketPolicy, {
  ...SAMPLE_PARTITION,
  bucket_name: SAMPLE.bucketName,
  sse_algorithm: "aws:kms",
  kms_key_arn: SAMPLE.kmsKeyArn,
});
const sseS3Mode = renderConcrete(stateBucketPolicy, {
  ...SAMPLE_PARTITION,
  bucket_name: SAMPLE.bucketName,
  sse_algorithm: "AES256",
  kms_key_arn: null,
});
const bySid = (statements: ConcreteStatement[], sid: string): ConcreteStatement => {
  const found = statements.find((statement) => statement.Sid === sid);
  if (!found) throw new Error(`no statement ${sid}`);
  return found;
};

describe("stateBucketPolicy", () => {
  test("is deny-only and applies to everyone: it never grants access", () => {
    for (const statement of [...kmsMode.Statement, ...sseS3Mode.Statement]) {
      expect({ sid: statement.Sid, effect: statement.Effect, principal: statement.Principal }).toEqual({
        sid: statement.Sid,
        effect: "Deny",
        principal: "*",
      });
    }
  });

  test("denies every S3 action on the bucket and its objects without TLS", () => {
    expect(bySid(kmsMode.Statement, "DenyInsecureTransport")).toEqual({
      Sid: "DenyInsecureTransport",
      Effect: "Deny",
      Principal: "*",
      Action: ["s3:*"],
      Resource: [bucketArn, `${bucketArn}/*`],
      Condition: { Bool: { "aws:SecureTransport": "false" } },
    });
  });

  test.each([
    ["KMS", kmsMode, "aws:kms"],
    ["SSE-S3", sseS3Mode, "AES256"],
  ] as const)(
    "%s mode: a put naming another algorithm is denied, a put naming none is not",
    (_mode, policy, algorithm) => {
      expect(bySid(policy.Statement, "DenyOtherEncryptionKind").Condition).toEqual({
        StringNotEquals: { "s3:x-amz-server-side-encryption": algorithm },
        // Only when the header is present: lock files written without one must keep working.
        Null: { "s3:x-amz-server-side-encryption": "false" },
      });
    },
  );

  test("SSE-C (customer-provided keys) is denied in both modes", () => {
    for (const policy of [kmsMode, sseS3Mode]) {
      expect(bySid(policy.Statement, "DenyCustomerProvidedKeys")).toMatchObject({
        Action: ["s3:PutObject"],
        Resource: [`${bucketArn}/*`],
        Condition: { Null: { "s3:x-amz-server-side-encryption-customer-algorithm": "false" } },
      });
    }
  });

  test("KMS mode: puts naming another key, or aws:kms without a key, are denied", () => {
    expect(bySid(kmsMode.Statement, "DenyOtherKmsKey").Condition).toEqual({
      StringNotEquals: { "s3:x-amz-server-side-encryption-aws-kms-key-id": SAMPLE.kmsKeyArn },
      Null: { "s3:x-amz-server-side-encryption-aws-kms-key-id": "false" },
    });
    expect(bySid(kmsMode.Statement, "DenyKmsWithoutStateKey").Condition).toEqual({
      StringEquals: { "s3:x-amz-server-side-encryption": "aws:kms" },
      Null: { "s3:x-amz-server-side-encryption-aws-kms-key-id": "true" },
    });
  });

  test("SSE-S3 mode has no key statements; KMS mode has all five", () => {
    expect(sseS3Mode.Statement.map((statement) => statement.Sid)).toEqual([
      "DenyInsecureTransport",
      "DenyOtherEncryptionKind",
      "DenyCustomerProvidedKeys",
    ]);
    expect(kmsMode.Statement).toHaveLength(5);
  });

  test("no statement denies a put merely for lacking an encryption header", () => {
    for (const statement of kmsMode.Statement.filter((s) => s.Action.includes("s3:PutObject"))) {
      expect({
        sid: statement.Sid,
        denies: statement.Condition?.Null?.["s3:x-amz-server-side-encryption"],
      }).not.toEqual({
        sid: statement.Sid,
        denies: "true",
      });
    }
  });
});

describe("stateKeyPolicy", () => {
  const policy = renderConcrete(stateKeyPolicy, {
    ...SAMPLE_PARTITION,
    account_id: SAMPLE.accountId,
    region: SAMPLE.region,
    bucket_name: SAMPLE.bucketName,
  });

  test("the only Allow is AWS's account-root delegation, and it is the only kms:*", () => {
    const allows = policy.Statement.filter((statement) => statement.Effect === "Allow");
    expect(allows).toEqual([
      {
        Sid: "EnableIamPoliciesOfAccount",
        Effect: "Allow",
        Principal: { AWS: [`arn:aws:iam::${SAMPLE.accountId}:root`] },
        Action: ["kms:*"],
        Resource: ["*"],
      },
    ]);
    const wildcards = policy.Statement.filter((statement) =>
      statement.Action.some((action) => action.includes("*")),
    );
    expect(wildcards.map((statement) => statement.Sid)).toEqual(["EnableIamPoliciesOfAccount"]);
  });

  test("data use is denied unless it comes through S3 or DynamoDB in this region (service principals exempt)", () => {
    expect(bySid(policy.Statement, "DenyDataUseOutsideS3AndDynamoDb")).toMatchObject({
      Effect: "Deny",
      Principal: "*",
      Action: expect.arrayContaining([
        "kms:Decrypt",
        "kms:Encrypt",
        "kms:GenerateDataKey",
        "kms:ReEncryptFrom",
      ]),
      Condition: {
        StringNotEquals: {
          "kms:ViaService": [`s3.${SAMPLE.region}.amazonaws.com`, `dynamodb.${SAMPLE.region}.amazonaws.com`],
        },
        Bool: { "aws:PrincipalIsAWSService": "false" },
      },
    });
  });

  test("through S3, the key serves only the state bucket (encryption context)", () => {
    expect(bySid(policy.Statement, "DenyS3UseForOtherBuckets")).toMatchObject({
      Effect: "Deny",
      Principal: "*",
      Action: expect.arrayContaining(["kms:Decrypt", "kms:GenerateDataKey"]),
      Condition: {
        StringEquals: { "kms:ViaService": [`s3.${SAMPLE.region}.amazonaws.com`] },
        StringNotLike: { "kms:EncryptionContext:aws:s3:arn": [bucketArn, `${bucketArn}/*`] },
      },
    });
  });

  test("grants are only for AWS resources (DynamoDB's table grant)", () => {
    expect(bySid(policy.Statement, "DenyGrantsExceptForAwsResources")).toMatchObject({
      Effect: "Deny",
      Action: ["kms:CreateGrant"],
      Condition: { Bool: { "kms:GrantIsForAWSResource": "false" } },
    });
  });
});

describe("state-backend policy documents pass the project's policy validation", () => {
  test("actions, ARNs, condition keys and worst-case size are valid for a bucket and a key policy", () => {
    expect(validatePolicy(stateBucketPolicy)).toEqual([]);
    expect(validatePolicy(stateKeyPolicy)).toEqual([]);
  });
});
