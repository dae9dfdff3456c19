import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { awsDescribe, startLocalAws, type LocalAws } from "../support/local-aws";
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

awsDescribe("local AWS harness without moto's condition-blind bucket policies", () => {
  test("a Deny-when-not-TLS bucket policy no longer denies object calls made over TLS", async () => {
    const aws = await startLocalAws({ tls: true, bucketPolicies: false });
    try {
      expect((await aws.request("/moto-api/")).status).toBe(200);
    } finally {
      await aws.stop();
    }
  });
});
