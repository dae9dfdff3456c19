import type { SecurityRule } from "../../lib/checks/rule";
import { s3TlsOnly } from "../../lib/checks/rules/s3/tls-only";
import { s3Encryption } from "../../lib/checks/rules/s3/encryption";
import { s3Ownership } from "../../lib/checks/rules/s3/ownership";
import { s3Versioning } from "../../lib/checks/rules/s3/versioning";
import { check, compliantBucketStack } from "./helpers";

/**
 * The S3 rules on the state-backend bucket's shape with one thing changed at a time, with what each
 * reports word for word: which statements count as "deny without TLS", which companions belong to
 * the bucket, and which values an expression can take.
 */
const BUCKET = "aws_s3_bucket.this";
const ARN = "${aws_s3_bucket.this.arn}";
const NO_TLS_DENY =
  'aws_s3_bucket_policy.this has no statement denying s3:* when aws:SecureTransport is "false"';
type Stack = ReturnType<typeof compliantBucketStack>;

const DENY = {
  Effect: "Deny",
  Principal: "*",
  Action: ["s3:*"],
  Resource: [ARN, `${ARN}/*`],
  Condition: { Bool: { "aws:SecureTransport": "false" } },
};
/** The bucket stack whose bucket policy holds `statements`. */
const withPolicy = (...statements: object[]): Stack => {
  const stack = compliantBucketStack();
  stack.resource.aws_s3_bucket_policy.this.policy = JSON.stringify({ Statement: statements });
  return stack;
};
const changed = (edit: (stack: Stack) => void): Stack => {
  const stack = compliantBucketStack();
  edit(stack);
  return stack;
};
const sse = (sse_algorithm: unknown, locals: object = {}): object => ({
  ...changed((stack) => {
    stack.resource.aws_s3_bucket_server_side_encryption_configuration.this.rule = [
      { apply_server_side_encryption_by_default: { sse_algorithm } },
    ];
  }),
  locals,
});
const ALLOWED = "allowed: aws:kms, aws:kms:dsse, AES256";

const CASES: Array<[string, SecurityRule, object, string, string?]> = [
  ["TLS: one deny on bucket and objects", s3TlsOnly, withPolicy(DENY), "compliant"],
  [
    "TLS: two denies, bucket and objects",
    s3TlsOnly,
    withPolicy({ ...DENY, Resource: ARN }, { ...DENY, Resource: `${ARN}/*` }),
    "compliant",
  ],
  ["TLS: on every resource", s3TlsOnly, withPolicy({ ...DENY, Resource: "*" }), "compliant"],
  ["TLS: principal AWS *", s3TlsOnly, withPolicy({ ...DENY, Principal: { AWS: ["*"] } }), "compliant"],
  [
    "TLS: action * among others",
    s3TlsOnly,
    withPolicy({ ...DENY, Action: ["s3:GetObject", "*"] }),
    "compliant",
  ],
  [
    "TLS: BoolIfExists",
    s3TlsOnly,
    withPolicy({ ...DENY, Condition: { BoolIfExists: { "aws:SecureTransport": "false" } } }),
    "compliant",
  ],
  ["TLS: the bucket only", s3TlsOnly, withPolicy({ ...DENY, Resource: ARN }), "non-compliant", NO_TLS_DENY],
  [
    "TLS: the objects only",
    s3TlsOnly,
    withPolicy({ ...DENY, Resource: `${ARN}/*` }),
    "non-compliant",
    NO_TLS_DENY,
  ],
  ["TLS: an Allow", s3TlsOnly, withPolicy({ ...DENY, Effect: "Allow" }), "non-compliant", NO_TLS_DENY],
  [
    "TLS: one account only",
    s3TlsOnly,
    withPolicy({ ...DENY, Principal: { AWS: ["arn:aws:iam::123456789012:root"] } }),
    "non-compliant",
    NO_TLS_DENY,
  ],
  [
    "TLS: no principal",
    s3TlsOnly,
    withPolicy({ ...DENY, Principal: undefined }),
    "non-compliant",
    NO_TLS_DENY,
  ],
  [
    "TLS: some actions",
    s3TlsOnly,
    withPolicy({ ...DENY, Action: ["s3:GetObject", "s3:Put*"] }),
    "non-compliant",
    NO_TLS_DENY,
  ],
  [
    "TLS: with TLS",
    s3TlsOnly,
    withPolicy({ ...DENY, Condition: { Bool: { "aws:SecureTransport": "true" } } }),
    "non-compliant",
    NO_TLS_DENY,
  ],
  [
    "TLS: another operator",
    s3TlsOnly,
    withPolicy({ ...DENY, Condition: { StringEquals: { "aws:SecureTransport": "false" } } }),
    "non-compliant",
    NO_TLS_DENY,
  ],
  [
    "TLS: another key",
    s3TlsOnly,
    withPolicy({ ...DENY, Condition: { Bool: { "aws:ViaAWSService": "false" } } }),
    "non-compliant",
    NO_TLS_DENY,
  ],
  [
    "TLS: no bucket policy",
    s3TlsOnly,
    changed((s) => delete s.resource.aws_s3_bucket_policy),
    "non-compliant",
    "no aws_s3_bucket_policy refers to this bucket",
  ],
  [
    "TLS: the policy of another bucket",
    s3TlsOnly,
    changed((s) => (s.resource.aws_s3_bucket_policy.this.bucket = "${aws_s3_bucket.other.id}")),
    "non-compliant",
    "no aws_s3_bucket_policy refers to this bucket",
  ],
  [
    "TLS: a policy naming the bucket as the bucket does",
    s3TlsOnly,
    changed((s) => (s.resource.aws_s3_bucket_policy.this.bucket = "${var.bucket_name}")),
    "compliant",
  ],
  [
    "TLS: an unreadable policy",
    s3TlsOnly,
    changed((s) => (s.resource.aws_s3_bucket_policy.this.policy = "${var.policy}")),
    "not-applicable",
    "aws_s3_bucket_policy.this.policy could not be analysed: the policy is an expression no construct registered (register its PolicyDocument with registerPolicy): ${var.policy}",
  ],

  ["SSE: a literal", s3Encryption, sse("aws:kms:dsse"), "compliant"],
  [
    "SSE: both results of a conditional, not what it compares",
    s3Encryption,
    sse('${var.e == "AES128" ? "aws:kms" : "AES256"}'),
    "compliant",
  ],
  [
    "SSE: a conditional with an unknown result",
    s3Encryption,
    sse('${var.e ? "aws:kms" : "none"}'),
    "non-compliant",
    `sse_algorithm is "\${var.e ? \\"aws:kms\\" : \\"none\\"}"; ${ALLOWED}`,
  ],
  [
    "SSE: a variable",
    s3Encryption,
    sse("${var.algorithm}"),
    "non-compliant",
    `sse_algorithm is "\${var.algorithm}"; ${ALLOWED}`,
  ],
  ["SSE: a number", s3Encryption, sse(256), "non-compliant", `sse_algorithm is 256; ${ALLOWED}`],
  ["SSE: locals followed", s3Encryption, sse("${local.a}", { a: "${local.b}", b: "AES256" }), "compliant"],
  [
    "SSE: a local inside a longer expression is not followed",
    s3Encryption,
    sse("x${local.a}", { a: "AES256" }),
    "non-compliant",
    `sse_algorithm is "x\${local.a}"; ${ALLOWED}`,
  ],
  [
    "SSE: a local that refers to itself",
    s3Encryption,
    sse("${local.a}", { a: "${local.a}" }),
    "non-compliant",
    `sse_algorithm is "\${local.a}"; ${ALLOWED}`,
  ],
  [
    "SSE: no configuration",
    s3Encryption,
    changed((s) => delete s.resource.aws_s3_bucket_server_side_encryption_configuration),
    "non-compliant",
    "no aws_s3_bucket_server_side_encryption_configuration refers to this bucket",
  ],
  [
    "SSE: no default",
    s3Encryption,
    changed(
      (s) =>
        (s.resource.aws_s3_bucket_server_side_encryption_configuration.this.rule = [
          { bucket_key_enabled: true },
        ]),
    ),
    "non-compliant",
    "the configuration has no apply_server_side_encryption_by_default",
  ],

  [
    "ownership: ObjectWriter",
    s3Ownership,
    changed(
      (s) => (s.resource.aws_s3_bucket_ownership_controls.this.rule = { object_ownership: "ObjectWriter" }),
    ),
    "non-compliant",
    'object_ownership is "ObjectWriter", not "BucketOwnerEnforced"',
  ],
  [
    "ownership: no rule",
    s3Ownership,
    changed((s) => delete s.resource.aws_s3_bucket_ownership_controls.this.rule),
    "non-compliant",
    'object_ownership is unset, not "BucketOwnerEnforced"',
  ],
  [
    "ownership: no controls",
    s3Ownership,
    changed((s) => delete s.resource.aws_s3_bucket_ownership_controls),
    "non-compliant",
    "no aws_s3_bucket_ownership_controls refers to this bucket",
  ],

  [
    "versioning: suspended",
    s3Versioning,
    changed(
      (s) => (s.resource.aws_s3_bucket_versioning.this.versioning_configuration = { status: "Suspended" }),
    ),
    "non-compliant",
    'versioning_configuration.status is "Suspended", not "Enabled"',
  ],
  [
    "versioning: none",
    s3Versioning,
    changed((s) => delete s.resource.aws_s3_bucket_versioning),
    "non-compliant",
    "no aws_s3_bucket_versioning refers to this bucket",
  ],
  [
    "versioning: inline, enabled as text",
    s3Versioning,
    changed((s) => {
      delete s.resource.aws_s3_bucket_versioning;
      s.resource.aws_s3_bucket.this.versioning = [{ enabled: "true" }];
    }),
    "compliant",
  ],
  [
    "versioning: inline, enabled by an expression",
    s3Versioning,
    changed((s) => {
      delete s.resource.aws_s3_bucket_versioning;
      s.resource.aws_s3_bucket.this.versioning = { enabled: "${var.v}" };
    }),
    "non-compliant",
    "no aws_s3_bucket_versioning refers to this bucket",
  ],
];

describe("the S3 rules on the state bucket's shape, one change at a time", () => {
  for (const [name, rule, terraform, status, detail] of CASES) {
    it(name, async () => {
      const finding = await check(rule, terraform, BUCKET);
      expect({ status: finding.status, detail: finding.detail }).toEqual({ status, detail });
    });
  }

  it("entries that are not resources are skipped, not judged", async () => {
    const stack = changed((s) => {
      Object.assign(s.resource, { aws_s3_bucket_acl: "x", aws_kms_key: { k: "not a block" } });
      Object.assign(s.resource.aws_s3_bucket, { junk: 3 });
    });
    expect((await check(s3Versioning, stack, BUCKET)).status).toBe("compliant");
  });
});
