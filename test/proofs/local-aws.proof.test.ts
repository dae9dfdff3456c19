import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { awsDescribe, startLocalAws, type LocalAws, unsignedAuthorization } from "../support/local-aws";
import { requireTerraform } from "../support/terraform";

/** The harness itself: moto answers on loopback and the real provider from the mirror reaches it. */
awsDescribe("local AWS harness", () => {
  let aws: LocalAws;
  let dir: string;
  beforeAll(async () => {
    aws = await startLocalAws();
    dir = mkdtempSync(join(tmpdir(), "local-aws-"));
  });
  afterAll(async () => {
    await aws.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test("listens on 127.0.0.1 only", () => {
    expect(aws.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  test("the real provider applies an S3 bucket against it", () => {
    writeFileSync(
      join(dir, "main.tf"),
      [
        'terraform {\n  required_providers {\n    aws = { source = "hashicorp/aws", version = ">= 5.100" }\n  }\n}',
        'resource "aws_s3_bucket" "probe" {\n  bucket = "harness-probe-bucket"\n}',
        'data "aws_caller_identity" "current" {}',
        'output "account" {\n  value = data.aws_caller_identity.current.account_id\n}',
      ].join("\n"),
    );
    const env = aws.terraformEnv();
    const run = (...args: string[]) =>
      spawnSync(requireTerraform(), [`-chdir=${dir}`, ...args, "-no-color"], { env, encoding: "utf8" });
    expect(run("init", "-input=false").status).toBe(0);
    const apply = run("apply", "-auto-approve", "-input=false");
    expect(apply.stderr).toBe("");
    expect(apply.stdout).toContain('account = "123456789012"');
    expect(run("destroy", "-auto-approve", "-input=false").status).toBe(0);
  });
});

awsDescribe("local AWS harness with TLS", () => {
  test("serves https on 127.0.0.1 with a certificate its clients trust", async () => {
    const aws = await startLocalAws({ tls: true });
    try {
      expect(aws.endpoint).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      expect((await aws.request("/moto-api/")).status).toBe(200);
      expect(aws.terraformEnv().AWS_CA_BUNDLE).toMatch(/cert\.pem$/);
    } finally {
      await aws.stop();
    }
  });
});

/** A bucket whose policy denies everything without TLS (the state bucket's rule), then a HEAD of a missing key. */
async function headUnderTlsOnlyPolicy(aws: LocalAws): Promise<number> {
  const auth = { authorization: unsignedAuthorization("test", "s3") };
  await aws.request("/tls-only-probe", { method: "PUT", headers: auth });
  const policy = {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "DenyInsecureTransport",
        Effect: "Deny",
        Principal: "*",
        Action: "s3:*",
        Resource: ["arn:aws:s3:::tls-only-probe", "arn:aws:s3:::tls-only-probe/*"],
        Condition: { Bool: { "aws:SecureTransport": "false" } },
      },
    ],
  };
  await aws.request("/tls-only-probe?policy", { method: "PUT", headers: auth, body: JSON.stringify(policy) });
  return (await aws.request("/tls-only-probe/missing", { method: "HEAD", headers: auth })).status;
}

awsDescribe(
  "moto's bucket policies ignore their conditions (an emulator quirk the harness can turn off)",
  () => {
    test("as shipped, a deny of requests without TLS refuses a request made over TLS", async () => {
      const aws = await startLocalAws({ tls: true });
      try {
        expect(await headUnderTlsOnlyPolicy(aws)).toBe(403);
      } finally {
        await aws.stop();
      }
    });

    test("with bucketPolicies: false the same request reaches the object (404: no such key)", async () => {
      const aws = await startLocalAws({ tls: true, bucketPolicies: false });
      try {
        expect(await headUnderTlsOnlyPolicy(aws)).toBe(404);
      } finally {
        await aws.stop();
      }
    });
  },
);
