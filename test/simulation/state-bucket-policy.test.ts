import { stateBucketPolicy } from "../../lib/policy/documents/state-bucket-policy";
import { stateKeyPolicy } from "../../lib/policy/documents/state-key-policy";
import { stateRuntimePolicy } from "../../lib/policy/documents/state-access";
import { renderConcrete } from "../../lib/policy/render-concrete";
import { simulate as simulateIn, satisfiesExpectation, type ExpectationRow } from "../support/simulate";
import { PARTITION_SAMPLES, type PartitionSample } from "./state-access-fixtures";

/**
 * The state bucket's and key's own policies, simulated as resource policies together with the
 * runtime identity policy (lock file + KMS), i.e. what a deploy role really meets. In every
 * partition: policies rendered with its values, requests with its ARNs and endpoint names.
 */
describe.each(PARTITION_SAMPLES.map((sample) => [sample.partition, sample] as const))(
  "partition %s",
  (_partition, sample: PartitionSample) => {
    const { ARN, SAMPLE, VIA_S3, valuesFor, region, dnsSuffix, partition } = sample;
    const simulate = (input: Parameters<typeof simulateIn>[0]) =>
      simulateIn({ ...input, request: { principal: sample.principal, ...input.request } });
    const runtime = renderConcrete(stateRuntimePolicy, valuesFor(["lockfile", "kms"]));
    const bucketPolicy = renderConcrete(stateBucketPolicy, {
      partition,
      bucket_name: SAMPLE.bucketName,
      sse_algorithm: "aws:kms",
      kms_key_arn: SAMPLE.kmsKeyArn,
    });
    const keyPolicy = renderConcrete(stateKeyPolicy, {
      partition,
      dns_suffix: dnsSuffix,
      account_id: "123456789012",
      region,
      bucket_name: SAMPLE.bucketName,
    });

    const sse = (algorithm: string, keyId?: string) => ({
      "s3:x-amz-server-side-encryption": algorithm,
      ...(keyId ? { "s3:x-amz-server-side-encryption-aws-kms-key-id": keyId } : {}),
    });

    /** Bucket policy (KMS mode) + runtime identity policy. */
    // prettier-ignore
    const BUCKET_TABLE: readonly ExpectationRow[] = [
  { why: "write state over TLS, no encryption header (bucket default applies)", request: { action: "s3:PutObject", resource: ARN.state },                                                      expect: "Allowed" },
  { why: "write state over TLS naming the state key",                          request: { action: "s3:PutObject", resource: ARN.state, context: sse("aws:kms", SAMPLE.kmsKeyArn) },     expect: "Allowed" },
  { why: "read state over TLS",                                                request: { action: "s3:GetObject", resource: ARN.state },                                                      expect: "Allowed" },
  { why: "read state over plain HTTP",                                         request: { action: "s3:GetObject", resource: ARN.state, context: { "aws:SecureTransport": "false" } },       expect: "ExplicitlyDenied" },
  { why: "list over plain HTTP",                                               request: { action: "s3:ListBucket", resource: ARN.bucket, context: { "aws:SecureTransport": "false", "s3:prefix": "tz/v1/" } }, expect: "ExplicitlyDenied" },
  { why: "write state asking for SSE-S3 instead of KMS",                       request: { action: "s3:PutObject", resource: ARN.state, context: sse("AES256") },                            expect: "ExplicitlyDenied" },
  { why: "write state with another KMS key",                                   request: { action: "s3:PutObject", resource: ARN.state, context: sse("aws:kms", ARN.otherKey) },              expect: "ExplicitlyDenied" },
  { why: "write state with aws:kms but no key (would use aws/s3)",             request: { action: "s3:PutObject", resource: ARN.state, context: sse("aws:kms") },                           expect: "ExplicitlyDenied" },
  { why: "write state with a customer-provided key (SSE-C)",                   request: { action: "s3:PutObject", resource: ARN.state, context: { "s3:x-amz-server-side-encryption-customer-algorithm": "AES256" } }, expect: "ExplicitlyDenied" },
];

    /** Key policy + runtime identity policy. */
    // prettier-ignore
    const KEY_TABLE: readonly ExpectationRow[] = [
  { why: "decrypt directly, outside S3",                                        request: { action: "kms:Decrypt", resource: ARN.key },                                                         expect: "Denied" },
  { why: "decrypt through another service",                                     request: { action: "kms:Decrypt", resource: ARN.key, context: { "kms:ViaService": `sqs.${region}.${dnsSuffix}`, "aws:PrincipalIsAWSService": "false" } }, expect: "ExplicitlyDenied" },
  { why: "schedule the key's deletion",                                         request: { action: "kms:ScheduleKeyDeletion", resource: ARN.key },                                             expect: "Denied" },
  { why: "create a grant for a non-AWS resource",                               request: { action: "kms:CreateGrant", resource: ARN.key, context: { "kms:GrantIsForAWSResource": "false" } },   expect: "Denied" },
];

    describe("state bucket policy (resource policy) with the runtime identity policy", () => {
      test.each(BUCKET_TABLE.map((row) => [row.why, row] as const))("%s", async (_why, row) => {
        const decision = await simulate({
          identityPolicies: [runtime],
          resourcePolicy: bucketPolicy,
          request: row.request,
        });
        expect({ decision, ok: satisfiesExpectation(decision, row.expect) }).toEqual({ decision, ok: true });
      });
    });

    describe("state key policy (resource policy) with the runtime identity policy", () => {
      test.each(KEY_TABLE.map((row) => [row.why, row] as const))("%s", async (_why, row) => {
        const decision = await simulate({
          identityPolicies: [runtime],
          resourcePolicy: keyPolicy,
          request: row.request,
        });
        expect({ decision, ok: satisfiesExpectation(decision, row.expect) }).toEqual({ decision, ok: true });
      });

      // iam-simulate cannot evaluate `kms:EncryptionContext:<key>` conditions (it drops the key), so the one
      // statement using it is proven here by its shape and the rest of the key policy by simulation.
      const ENCRYPTION_CONTEXT_SID = "DenyS3UseForOtherBuckets";
      const simulatable = {
        ...keyPolicy,
        Statement: keyPolicy.Statement.filter((statement) => statement.Sid !== ENCRYPTION_CONTEXT_SID),
      };

      test("only one statement needs the encryption context, and it denies other buckets through S3", () => {
        const unsimulatable = keyPolicy.Statement.filter((statement) =>
          JSON.stringify(statement.Condition ?? {}).includes("kms:EncryptionContext:"),
        );
        expect(unsimulatable.map((statement) => statement.Sid)).toEqual([ENCRYPTION_CONTEXT_SID]);
        expect(unsimulatable[0]).toMatchObject({
          Effect: "Deny",
          Principal: "*",
          Condition: {
            StringEquals: { "kms:ViaService": [`s3.${region}.${dnsSuffix}`] },
            StringNotLike: {
              "kms:EncryptionContext:aws:s3:arn": [ARN.bucket, `${ARN.bucket}/*`],
            },
          },
        });
      });

      test.each([["kms:Decrypt"], ["kms:GenerateDataKey"]])(
        "%s through S3 is allowed by the account delegation plus the runtime policy",
        async (action) => {
          const request = {
            action,
            resource: ARN.key,
            context: { ...VIA_S3, "aws:PrincipalIsAWSService": "false" },
          };
          expect(await simulate({ identityPolicies: [runtime], resourcePolicy: simulatable, request })).toBe(
            "Allowed",
          );
        },
      );

      test("the identity policy alone does not unlock the key: without a key policy S3 use is denied", async () => {
        const request = { action: "kms:Decrypt", resource: ARN.key, context: VIA_S3 };
        expect(await simulate({ identityPolicies: [runtime], request })).toBe("ImplicitlyDenied");
      });
    });

    test("a request through S3 named with another partition's endpoint suffix is not S3 in this partition", async () => {
      const otherSuffix = dnsSuffix === "amazonaws.com" ? "amazonaws.com.cn" : "amazonaws.com";
      const request = {
        action: "kms:Decrypt",
        resource: ARN.key,
        context: { "kms:ViaService": `s3.${region}.${otherSuffix}`, "aws:PrincipalIsAWSService": "false" },
      };
      expect(await simulate({ identityPolicies: [runtime], resourcePolicy: keyPolicy, request })).toBe(
        "ExplicitlyDenied",
      );
    });
  },
);
