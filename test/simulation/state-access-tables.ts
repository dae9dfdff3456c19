import { stateReadOnlyPolicy, stateRuntimePolicy } from "../../lib/policy/documents/state-access";
import type { PolicyDocument } from "../../lib/policy/model";
import type { ConcretePolicy } from "../../lib/policy/render-concrete";
import { simulate, satisfiesExpectation, type SimulatedRequest } from "../support/simulate";
import { ARN, DELEGATING_KEY_POLICY, LOCK_ID, VIA_S3, type Feature } from "./state-access-fixtures";

/**
 * The proof for the state-access policies: every row is simulated with iam-simulate in every
 * backend configuration. A row marked `when: [...]` must hold when the configuration has those
 * features and must be denied otherwise (e.g. no lock-file delete without use_lockfile).
 * KMS rows are evaluated with a key policy that delegates to IAM (AWS's default key policy).
 */
export interface Row {
  readonly why: string;
  readonly request: SimulatedRequest;
  readonly expect: "Allowed" | "Denied";
  readonly when?: readonly Feature[];
}

const prefix = (value: string) => ({ "s3:prefix": value });
const items = (...ids: string[]) => ({ "dynamodb:LeadingKeys": ids });
/** Terraform 1.11 writes every lock file with `If-None-Match: *` (recorded in test/backend-proof). */
const IF_ABSENT = { "s3:if-none-match": "*" };

// prettier-ignore
const SHARED_DENIALS: readonly Row[] = [
  { why: "list the whole bucket",                 request: { action: "s3:ListBucket", resource: ARN.bucket },                                  expect: "Denied" },
  { why: "list a sibling prefix",                 request: { action: "s3:ListBucket", resource: ARN.bucket, context: prefix("tz/v2/") },       expect: "Denied" },
  { why: "list another bucket",                   request: { action: "s3:ListBucket", resource: ARN.otherBucket, context: prefix("tz/v1/") },  expect: "Denied" },
  { why: "read state of a sibling prefix",        request: { action: "s3:GetObject", resource: ARN.siblingState },                             expect: "Denied" },
  { why: "read state of a look-alike prefix",     request: { action: "s3:GetObject", resource: ARN.lookalikeState },                           expect: "Denied" },
  { why: "read state in another bucket",          request: { action: "s3:GetObject", resource: ARN.otherBucketState },                         expect: "Denied" },
  { why: "write state of a sibling prefix",       request: { action: "s3:PutObject", resource: ARN.siblingState },                             expect: "Denied" },
  { why: "take a sibling prefix's lock file",     request: { action: "s3:PutObject", resource: ARN.siblingLockFile },                          expect: "Denied" },
  { why: "delete the state object",               request: { action: "s3:DeleteObject", resource: ARN.state },                                 expect: "Denied" },
  { why: "delete a state object version",         request: { action: "s3:DeleteObjectVersion", resource: ARN.state },                          expect: "Denied" },
  { why: "read an old state version",             request: { action: "s3:GetObjectVersion", resource: ARN.state },                             expect: "Denied" },
  { why: "change a state object's ACL",           request: { action: "s3:PutObjectAcl", resource: ARN.state },                                 expect: "Denied" },
  { why: "replace the bucket policy",             request: { action: "s3:PutBucketPolicy", resource: ARN.bucket },                             expect: "Denied" },
  { why: "delete the bucket policy",              request: { action: "s3:DeleteBucketPolicy", resource: ARN.bucket },                          expect: "Denied" },
  { why: "suspend versioning",                    request: { action: "s3:PutBucketVersioning", resource: ARN.bucket },                         expect: "Denied" },
  { why: "change the lifecycle rules",            request: { action: "s3:PutLifecycleConfiguration", resource: ARN.bucket },                   expect: "Denied" },
  { why: "change default encryption",             request: { action: "s3:PutEncryptionConfiguration", resource: ARN.bucket },                  expect: "Denied" },
  { why: "change the bucket ACL",                 request: { action: "s3:PutBucketAcl", resource: ARN.bucket },                                expect: "Denied" },
  { why: "delete the bucket",                     request: { action: "s3:DeleteBucket", resource: ARN.bucket },                                expect: "Denied" },
  { why: "describe another table",                request: { action: "dynamodb:DescribeTable", resource: ARN.otherTable },                     expect: "Denied" },
  { why: "take a lock in another table",          request: { action: "dynamodb:PutItem", resource: ARN.otherTable, context: items(LOCK_ID.lock) }, expect: "Denied" },
  { why: "take a sibling prefix's lock item",     request: { action: "dynamodb:PutItem", resource: ARN.table, context: items(LOCK_ID.siblingLock) }, expect: "Denied" },
  { why: "read a sibling prefix's lock item",     request: { action: "dynamodb:GetItem", resource: ARN.table, context: items(LOCK_ID.siblingLock) }, expect: "Denied" },
  { why: "update items (Terraform never does)",   request: { action: "dynamodb:UpdateItem", resource: ARN.table, context: items(LOCK_ID.lock) }, expect: "Denied" },
  { why: "scan the lock table",                   request: { action: "dynamodb:Scan", resource: ARN.table },                                   expect: "Denied" },
  { why: "delete the lock table",                 request: { action: "dynamodb:DeleteTable", resource: ARN.table },                            expect: "Denied" },
  { why: "decrypt with the key directly",         request: { action: "kms:Decrypt", resource: ARN.key },                                       expect: "Denied" },
  { why: "decrypt through another service",       request: { action: "kms:Decrypt", resource: ARN.key, context: { "kms:ViaService": "dynamodb.eu-west-1.amazonaws.com" } }, expect: "Denied" },
  { why: "decrypt with another key",              request: { action: "kms:Decrypt", resource: ARN.otherKey, context: VIA_S3 },                 expect: "Denied" },
  { why: "schedule the key's deletion",           request: { action: "kms:ScheduleKeyDeletion", resource: ARN.key },                           expect: "Denied" },
  { why: "change the key policy",                 request: { action: "kms:PutKeyPolicy", resource: ARN.key },                                  expect: "Denied" },
];

/** state-runtime (apply). */
// prettier-ignore
export const RUNTIME_TABLE: readonly Row[] = [
  { why: "list workspaces under the prefix",      request: { action: "s3:ListBucket", resource: ARN.bucket, context: prefix("tz/v1/env/") },   expect: "Allowed" },
  { why: "read state",                            request: { action: "s3:GetObject", resource: ARN.state },                                    expect: "Allowed" },
  { why: "write state",                           request: { action: "s3:PutObject", resource: ARN.state },                                    expect: "Allowed" },
  { why: "read a workspace's state",              request: { action: "s3:GetObject", resource: ARN.workspaceState },                           expect: "Allowed" },
  { why: "write a workspace's state",             request: { action: "s3:PutObject", resource: ARN.workspaceState },                           expect: "Allowed" },
  { why: "acquire the lock file",                 request: { action: "s3:PutObject", resource: ARN.lockFile },                                 expect: "Allowed" },
  { why: "read who holds the lock file",          request: { action: "s3:GetObject", resource: ARN.lockFile },                                 expect: "Allowed" },
  { why: "release the lock file",                 request: { action: "s3:DeleteObject", resource: ARN.lockFile },                              expect: "Allowed", when: ["lockfile"] },
  { why: "describe the lock table (never called)", request: { action: "dynamodb:DescribeTable", resource: ARN.table },                         expect: "Denied" },
  { why: "acquire the lock item",                 request: { action: "dynamodb:PutItem", resource: ARN.table, context: items(LOCK_ID.lock) },   expect: "Allowed", when: ["table"] },
  { why: "read who holds the lock item",          request: { action: "dynamodb:GetItem", resource: ARN.table, context: items(LOCK_ID.lock) },   expect: "Allowed", when: ["table"] },
  { why: "release the lock item",                 request: { action: "dynamodb:DeleteItem", resource: ARN.table, context: items(LOCK_ID.lock) }, expect: "Allowed", when: ["table"] },
  { why: "read the state digest",                 request: { action: "dynamodb:GetItem", resource: ARN.table, context: items(LOCK_ID.digest) }, expect: "Allowed", when: ["table"] },
  { why: "write the state digest",                request: { action: "dynamodb:PutItem", resource: ARN.table, context: items(LOCK_ID.digest) }, expect: "Allowed", when: ["table"] },
  { why: "delete the state digest (workspace delete: admin)", request: { action: "dynamodb:DeleteItem", resource: ARN.table, context: items(LOCK_ID.digest) }, expect: "Denied" },
  { why: "decrypt state through S3",              request: { action: "kms:Decrypt", resource: ARN.key, context: VIA_S3 },                      expect: "Allowed", when: ["kms"] },
  { why: "encrypt state through S3",              request: { action: "kms:GenerateDataKey", resource: ARN.key, context: VIA_S3 },              expect: "Allowed", when: ["kms"] },
  ...SHARED_DENIALS,
];

/** state-read-only (plan): reads, plus what taking the lock needs. */
// prettier-ignore
export const READ_ONLY_TABLE: readonly Row[] = [
  { why: "list workspaces under the prefix",      request: { action: "s3:ListBucket", resource: ARN.bucket, context: prefix("tz/v1/env/") },   expect: "Allowed" },
  { why: "read state",                            request: { action: "s3:GetObject", resource: ARN.state },                                    expect: "Allowed" },
  { why: "read a workspace's state",              request: { action: "s3:GetObject", resource: ARN.workspaceState },                           expect: "Allowed" },
  { why: "write state",                           request: { action: "s3:PutObject", resource: ARN.state },                                    expect: "Denied" },
  { why: "write a workspace's state",             request: { action: "s3:PutObject", resource: ARN.workspaceState },                           expect: "Denied" },
  { why: "acquire a free lock file",              request: { action: "s3:PutObject", resource: ARN.lockFile, context: IF_ABSENT },            expect: "Allowed", when: ["lockfile"] },
  { why: "overwrite someone else's lock file",    request: { action: "s3:PutObject", resource: ARN.lockFile },                                 expect: "Denied" },
  { why: "read who holds the lock file",          request: { action: "s3:GetObject", resource: ARN.lockFile },                                 expect: "Allowed" },
  { why: "release the lock file",                 request: { action: "s3:DeleteObject", resource: ARN.lockFile },                              expect: "Allowed", when: ["lockfile"] },
  { why: "describe the lock table (never called)", request: { action: "dynamodb:DescribeTable", resource: ARN.table },                         expect: "Denied" },
  { why: "acquire the lock item",                 request: { action: "dynamodb:PutItem", resource: ARN.table, context: items(LOCK_ID.lock) },   expect: "Allowed", when: ["table"] },
  { why: "read who holds the lock item",          request: { action: "dynamodb:GetItem", resource: ARN.table, context: items(LOCK_ID.lock) },   expect: "Allowed", when: ["table"] },
  { why: "release the lock item",                 request: { action: "dynamodb:DeleteItem", resource: ARN.table, context: items(LOCK_ID.lock) }, expect: "Allowed", when: ["table"] },
  { why: "read the state digest",                 request: { action: "dynamodb:GetItem", resource: ARN.table, context: items(LOCK_ID.digest) }, expect: "Allowed", when: ["table"] },
  { why: "overwrite the state digest",            request: { action: "dynamodb:PutItem", resource: ARN.table, context: items(LOCK_ID.digest) }, expect: "Denied" },
  { why: "delete the state digest",               request: { action: "dynamodb:DeleteItem", resource: ARN.table, context: items(LOCK_ID.digest) }, expect: "Denied" },
  { why: "decrypt state through S3",              request: { action: "kms:Decrypt", resource: ARN.key, context: VIA_S3 },                      expect: "Allowed", when: ["kms"] },
  { why: "encrypt the lock file through S3",      request: { action: "kms:GenerateDataKey", resource: ARN.key, context: VIA_S3 },              expect: "Allowed", when: ["kms", "lockfile"] },
  ...SHARED_DENIALS,
];

export const POLICIES: ReadonlyArray<[string, PolicyDocument, readonly Row[]]> = [
  [stateRuntimePolicy.id, stateRuntimePolicy, RUNTIME_TABLE],
  [stateReadOnlyPolicy.id, stateReadOnlyPolicy, READ_ONLY_TABLE],
];

/** Runs a table against a rendered policy; KMS requests see a delegating key policy. */
export async function checkTable(
  policy: ConcretePolicy,
  table: readonly Row[],
  features: readonly Feature[],
) {
  const failures: string[] = [];
  for (const row of table) {
    const applies = (row.when ?? []).every((feature) => features.includes(feature));
    const expected = applies ? row.expect : "Denied";
    const decision = await simulate({
      identityPolicies: [policy],
      ...(row.request.action.startsWith("kms:") ? { resourcePolicy: DELEGATING_KEY_POLICY } : {}),
      request: row.request,
    });
    if (!satisfiesExpectation(decision, expected)) {
      failures.push(
        `${row.why}: ${row.request.action} on ${row.request.resource} was ${decision}, expected ${expected}`,
      );
    }
  }
  return failures;
}
