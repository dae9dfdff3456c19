import { parseProviderLog } from "./provider-log";
import { operationOf } from "./wire-call";

/**
 * The apply proof's readers, on the shapes the real provider and SDK produce (taken from a
 * hashicorp/aws 5.100 debug log): an entry whose body is printed as `| ` lines with fields after
 * it, fields in any order, and S3 REST requests read back into operation names.
 */
const ENTRY = [
  "2026-12-04T18:28:29.651Z [DEBUG] provider.terraform-provider-aws_v5.100.0_x5: HTTP Request Sent: aws.region=eu-west-1 http.request.header.x_amz_target=TrentService.CreateKey tf_rpc=ApplyResourceChange rpc.service=KMS http.method=POST",
  "  http.request.body=",
  '  | {"Description":"key","Tags":[{"TagKey":"Environment","TagValue":"tz"}]}',
  '   http.request.header.authorization="AWS4-HMAC-SHA256 Credential=AKIA/20261204/eu-west-1/kms/aws4_request, SignedHeaders=host, Signature=*****" rpc.method=CreateKey tf_resource_type=aws_kms_key http.request.header.amz_sdk_invocation_id=a94caf33 tf_req_id=65630033 http.url=http://127.0.0.1:1/',
  "2026-12-04T18:28:29.652Z [WARN]  Provider produced an invalid plan",
  "2026-12-04T18:28:30.000Z [DEBUG] provider.terraform-provider-aws_v5.100.0_x5: HTTP Response Received: rpc.method=CreateKey tf_req_id=65630033",
].join("\n");

test("a multi-line HTTP Request Sent entry is one call with its body and every field", () => {
  expect(parseProviderLog(ENTRY)).toEqual([
    {
      service: "KMS",
      operation: "CreateKey",
      signingService: "kms",
      region: "eu-west-1",
      invocationId: "a94caf33",
      tfReqId: "65630033",
      tfRpc: "ApplyResourceChange",
      resourceType: "aws_kms_key",
      body: '{"Description":"key","Tags":[{"TagKey":"Environment","TagValue":"tz"}]}',
      url: "http://127.0.0.1:1/",
      method: "POST",
    },
  ]);
});

test.each([
  ["HEAD", "/b", {}, "HeadBucket"],
  ["PUT", "/b", {}, "CreateBucket"],
  ["GET", "/b", { lifecycle: "" }, "GetBucketLifecycleConfiguration"],
  ["PUT", "/b", { publicAccessBlock: "" }, "PutPublicAccessBlock"],
  ["GET", "/b", { "object-lock": "" }, "GetObjectLockConfiguration"],
  ["GET", "/b", { versions: "", prefix: "x" }, "ListObjectVersions"],
  ["GET", "/b", { "list-type": "2" }, "ListObjectsV2"],
  ["DELETE", "/b/k/v", {}, "DeleteObject"],
] as const)("S3 %s %s %j is %s", (method, path, query, operation) => {
  expect(operationOf("s3", method, path, query, {}, "")).toBe(operation);
});

test("an S3 sub-resource the table does not know is named as unknown, never guessed", () => {
  expect(operationOf("s3", "GET", "/b", { inventory: "" }, {}, "")).toBe("Unknown S3 GET ?inventory");
});

test("JSON protocols by X-Amz-Target, query protocols by Action", () => {
  expect(
    operationOf("dynamodb", "POST", "/", {}, { "x-amz-target": "DynamoDB_20120810.CreateTable" }, "{}"),
  ).toBe("CreateTable");
  expect(operationOf("iam", "POST", "/", {}, {}, "Action=CreateRole&Version=2010-05-08")).toBe("CreateRole");
});
