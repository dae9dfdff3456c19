import { formatSemanticDiff } from "../../lib/diff/format-summary";
import { semanticDiff } from "../../lib/diff/semantic-diff";
import { decideBump } from "../../lib/publish/bump";
import { fixtureFiles } from "./fixture-modules";

const tree = (files: Record<string, string>) => new Map(Object.entries(files));

function edited(edit: (files: Record<string, string>) => void): Map<string, string> {
  const files = fixtureFiles();
  edit(files);
  return tree(files);
}

const editJson = (
  files: Record<string, string>,
  path: string,
  change: (doc: Record<string, Record<string, unknown>>) => void,
) => {
  const doc = JSON.parse(files[path]) as Record<string, Record<string, unknown>>;
  change(doc);
  files[path] = JSON.stringify(doc);
};

describe("semantic diff", () => {
  it("reports nothing for identical trees", () => {
    const diff = semanticDiff(tree(fixtureFiles()), tree(fixtureFiles()));
    expect(diff).toEqual({ modules: [], policies: [] });
    expect(formatSemanticDiff(diff)).toBe("");
  });

  it("lists a removed variable and an added permission row, and calls it major", () => {
    const after = edited((files) => {
      editJson(
        files,
        "json/state-access-policy/variables.tf.json",
        (doc) => delete doc.variable.state_key_prefix,
      );
      editJson(files, "policies/state-runtime.json", (doc) => {
        (doc.Statement as unknown as object[]).push({
          Effect: "Allow",
          Action: "s3:DeleteObject",
          Resource: "arn:aws:s3:::b/tz/v1/*",
          Condition: { Bool: { "aws:SecureTransport": "true" } },
        });
      });
    });
    const diff = semanticDiff(tree(fixtureFiles()), after);
    expect(diff.modules[0].variablesRemoved).toEqual(["state_key_prefix"]);
    expect(diff.policies[0].added).toEqual([
      {
        effect: "Allow",
        action: "s3:DeleteObject",
        resource: "arn:aws:s3:::b/tz/v1/*",
        condition: '{"Bool":{"aws:SecureTransport":"true"}}',
      },
    ]);
    const text = formatSemanticDiff(diff);
    expect(text).toContain("- variable removed: `state_key_prefix`");
    expect(text).toContain(
      '+ Allow | s3:DeleteObject | arn:aws:s3:::b/tz/v1/* | {"Bool":{"aws:SecureTransport":"true"}}',
    );
    expect(decideBump(diff.modules[0], []).bump).toBe("major");
  });

  it("treats a new optional variable and a new output as minor, a new required variable as major", () => {
    const optional = edited((files) => {
      editJson(files, "json/state-access-policy/variables.tf.json", (doc) => {
        doc.variable.tags = { type: "map(string)", default: {} };
      });
      editJson(files, "json/state-access-policy/outputs.tf.json", (doc) => {
        doc.output.bucket_arn = { value: "x" };
      });
    });
    const minor = semanticDiff(tree(fixtureFiles()), optional);
    expect(minor.modules[0].outputsAdded).toEqual(["bucket_arn"]);
    expect(decideBump(minor.modules[0], []).bump).toBe("minor");

    const required = edited((files) =>
      editJson(files, "json/state-access-policy/variables.tf.json", (doc) => {
        doc.variable.account_id = { type: "string" };
      }),
    );
    const major = semanticDiff(tree(fixtureFiles()), required);
    expect(major.modules[0].variablesAdded).toEqual([
      { name: "account_id", spec: { type: "string", default: undefined, required: true } },
    ]);
    expect(decideBump(major.modules[0], []).bump).toBe("major");
  });

  it("reports type, default and required changes of a variable", () => {
    const after = edited((files) =>
      editJson(files, "json/state-access-policy/variables.tf.json", (doc) => {
        doc.variable.state_key_prefix = { type: "list(string)" };
      }),
    );
    const [module] = semanticDiff(tree(fixtureFiles()), after).modules;
    expect(module.variablesChanged).toEqual([
      {
        name: "state_key_prefix",
        changes: [
          { field: "type", before: "string", after: "list(string)" },
          { field: "default", before: '"tz/v1/"', after: "(none)" },
          { field: "required", before: "false", after: "true" },
        ],
      },
    ]);
  });

  it("detects a renamed resource (same type, same body) as a rename, not remove + add", () => {
    const withResource = (name: string) =>
      edited((files) => {
        files["json/state-access-policy/main.tf.json"] = JSON.stringify({
          resource: { aws_s3_bucket: { [name]: { bucket: "b" } }, aws_kms_key: { this: {} } },
        });
      });
    const diff = semanticDiff(withResource("state"), withResource("this"));
    expect(diff.modules[0].resourcesRenamed).toEqual([
      { from: "aws_s3_bucket.state", to: "aws_s3_bucket.this" },
    ]);
    expect(diff.modules[0].resourcesAdded).toEqual([]);
    expect(diff.modules[0].resourcesRemoved).toEqual([]);
    expect(decideBump(diff.modules[0], []).bump).toBe("major");
  });
});
