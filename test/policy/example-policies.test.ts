import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseSettings } from "../../lib/config/load-settings";
import { examplePolicies } from "../../lib/app/example-policies";

const settings = parseSettings(JSON.parse(readFileSync(join(__dirname, "../../cdktf.json"), "utf8")).context);

describe("examplePolicies", () => {
  test("renders the state and deploy policies for the example values, with file-name-safe unique ids", () => {
    const policies = examplePolicies(settings);
    expect(policies.map((p) => p.id)).toEqual([
      "state-runtime",
      "state-read-only",
      "deploy-state-backend",
      "deploy-aurora-cluster",
      "deploy-ecs-compute",
      "deploy-min-provisioner",
      "deploy-least-privileged-1",
      "deploy-least-privileged-2",
      "deploy-least-privileged-3",
    ]);
    expect(new Set(policies.map((p) => p.id)).size).toBe(policies.length);
    for (const { id } of policies) expect(id).toMatch(/^[a-z0-9-]+$/);
  });

  test("names the example bucket, prefix and key, and no placeholder is left", () => {
    const runtime = examplePolicies(settings).find((p) => p.id === "state-runtime");
    const text = JSON.stringify(runtime?.policy);
    expect(text).toContain('"arn:aws:s3:::tz-state-123456789012-eu-west-1/tz/v1/*"');
    expect(text).toContain('"arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-44cd-a6ef-1234567890ab"');
    expect(text).not.toMatch(/\{[a-z_]+\}/);
  });
});
