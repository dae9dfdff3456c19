import { fillTemplate, wholeParam } from "../../lib/hcl/template";
import { wildcardMatches } from "../../lib/iam/match";
import type { DeployProfile } from "../../lib/permissions/deploy-profile";
import { awsDescribe, startLocalAws, type LocalAws } from "../support/local-aws";
import { requireTerraform } from "../support/terraform";
import type { ExampleName } from "./example-config";
import { ExampleCopy, varArgs } from "./example-run";
import { allowedChanges, quirksOf } from "./emulator-quirks";
import { attributeChanges, managedResources, type PlanJson, type StateJson } from "./plan-changes";

/** moto's account when the access key is unknown (../shared/reference/local-aws.md). */
export const MOTO_ACCOUNT_ID = "123456789012";

export interface LifecycleSpec {
  readonly example: ExampleName;
  readonly profile: DeployProfile;
  /** The deploy-policies parameters at the example's defaults (with MOTO_ACCOUNT_ID). */
  readonly params: Readonly<Record<string, string>>;
  /** List parameters (`{ecs_task_definition_arns}`), one ARN template each. */
  readonly listParams?: Readonly<Record<string, readonly string[]>>;
  /** The update: the variables of the settings it changes (and `tags` where the example has them). */
  readonly update: Readonly<Record<string, unknown>>;
  /** The attributes other than tags the update changes: `<address> <attribute>`. */
  readonly updatedSettings: readonly string[];
  /** "prevented": the module keeps prevent_destroy, so destroy must refuse (state-backend). */
  readonly destroy?: "removes" | "prevented";
}

/** The tags an update sets, for examples that take tags. */
export const NEW_TAGS = { Project: "secure-tf-modules-example", Owner: "platform" };

/** The profile's ARN patterns of each resource type, filled with the example's values. */
function profilePatterns(spec: LifecycleSpec): Map<string, string[]> {
  const patterns = new Map<string, string[]>();
  for (const { type, arn } of spec.profile.derive.resources) {
    const list = wholeParam(arn);
    const templates = list && spec.listParams?.[list] ? spec.listParams[list] : [arn];
    patterns.set(type, [
      ...(patterns.get(type) ?? []),
      ...templates.map((t) => fillTemplate(t, spec.params)),
    ]);
  }
  return patterns;
}

const changeKeys = (plan: PlanJson): string[] =>
  attributeChanges(plan).map(({ address, attribute }) => `${address} ${attribute}`);

/**
 * The example's life cycle against moto with the real provider, as a user runs it: apply, the plan
 * afterwards (only the listed emulator quirks), an update of tags and settings, destroy. Every step
 * prints one progress line.
 */
export function describeExampleLifecycle(spec: LifecycleSpec): void {
  awsDescribe(`examples/${spec.example} applied by the real provider against the local AWS`, () => {
    let aws: LocalAws | undefined;
    let copy: ExampleCopy;
    const updateArgs = varArgs(spec.update);
    beforeAll(async () => {
      aws = await startLocalAws();
      copy = new ExampleCopy(spec.example, aws.terraformEnv(), requireTerraform());
      await copy.step("init", ["init", "-input=false"]);
    }, 120_000);
    afterAll(async () => {
      await aws?.stop();
      copy?.remove();
    });

    test(`apply creates it with no -var: ARNs in the ${spec.profile.id} profile's patterns, tagged Environment`, async () => {
      await copy.step("apply", ["apply", "-auto-approve", "-input=false"]);
      const resources = managedResources(await copy.showJson<StateJson>());
      const patterns = profilePatterns(spec);
      const inProfile = resources.filter(
        (resource) => patterns.has(resource.type) && "arn" in resource.values,
      );
      expect(inProfile.length).toBeGreaterThan(0);
      for (const { address, type, values } of inProfile) {
        const fits = (patterns.get(type) ?? []).some((pattern) =>
          wildcardMatches(pattern, String(values.arn)),
        );
        expect({ address, arn: values.arn, fits }).toEqual({ address, arn: values.arn, fits: true });
      }
      for (const { address, values } of resources.filter((resource) => "tags_all" in resource.values))
        expect({ address, tag: (values.tags_all as Record<string, string>).Environment }).toEqual({
          address,
          tag: spec.params.environment_name,
        });
    });

    test("the plan after apply changes nothing but the listed emulator quirks", async () => {
      await copy.step("plan", ["plan", "-input=false", "-out=after-apply.tfplan"]);
      const plan = await copy.showJson<PlanJson>("after-apply.tfplan");
      expect(attributeChanges(plan)).toEqual(allowedChanges(quirksOf(spec.example, "apply")));
    });

    test("an update changes exactly the tags and settings asked for (and the quirks); the plan afterwards only the quirks", async () => {
      await copy.step("plan update", ["plan", "-input=false", "-out=update.tfplan", ...updateArgs]);
      const plan = await copy.showJson<PlanJson>("update.tfplan");
      const tagged = managedResources(await copy.showJson<StateJson>()).filter((r) => "tags_all" in r.values);
      const expected = [
        ...("tags" in spec.update ? tagged : []).flatMap(({ address }) => [
          `${address} tags`,
          `${address} tags_all`,
        ]),
        ...spec.updatedSettings,
        ...quirksOf(spec.example, "apply").map(({ address, attribute }) => `${address} ${attribute}`),
      ];
      expect(changeKeys(plan)).toEqual([...new Set(expected)].sort((a, b) => a.localeCompare(b)));
      await copy.step("apply update", ["apply", "-input=false", "update.tfplan"]);
      await copy.step("plan after update", [
        "plan",
        "-input=false",
        "-out=after-update.tfplan",
        ...updateArgs,
      ]);
      const replan = await copy.showJson<PlanJson>("after-update.tfplan");
      expect(attributeChanges(replan)).toEqual(allowedChanges(quirksOf(spec.example, "update")));
    });

    if (spec.destroy === "prevented")
      test("destroy refuses: the module keeps prevent_destroy", async () => {
        const destroy = await copy.run(["destroy", "-auto-approve", "-input=false", ...updateArgs]);
        process.stdout.write(
          `[examples] ${spec.example}: destroy exit ${destroy.status} in ${destroy.seconds} s\n`,
        );
        expect(destroy.status).toBe(1);
        expect(destroy.output).toContain("lifecycle.prevent_destroy");
        expect((await copy.showJson<StateJson>()).values).toBeDefined();
      });
    else
      test("destroy removes every resource", async () => {
        await copy.step("destroy", ["destroy", "-auto-approve", "-input=false", ...updateArgs]);
        expect(managedResources(await copy.showJson<StateJson>())).toEqual([]);
      });
  });
}
