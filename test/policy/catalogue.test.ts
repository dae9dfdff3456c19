import {
  actionDetails,
  actionsOfService,
  IAM_SERVICES,
  resourceTypeDetails,
  serviceExists,
} from "../../lib/iam/catalogue";
import { validatePolicy } from "../../lib/policy/validate";
import { definePolicy } from "../../lib/policy/model";

/** Facts from AWS's Service Authorization Reference, as iam-data records them, checked by hand. */
describe("the IAM catalogue, loaded through iam-data's public API", () => {
  test("s3:GetObject acts on an object, whose ARN format is AWS's", () => {
    const getObject = actionDetails("s3", "getobject");
    expect(getObject?.name).toBe("GetObject");
    expect(getObject?.accessLevel).toBe("Read");
    expect(getObject?.resourceTypes.map((type) => type.name)).toEqual(["accesspointobject", "object"]);
    expect(resourceTypeDetails("s3", "object")?.arn).toBe(
      "arn:${Partition}:s3:::${BucketName}/${ObjectName}",
    );
  });

  test("sts:GetCallerIdentity has no resource type (Resource must be *)", () => {
    expect(actionDetails("sts", "GetCallerIdentity")?.resourceTypes).toEqual([]);
  });

  test("unknown services and actions are reported as unknown", () => {
    expect(serviceExists("s4")).toBe(false);
    expect(serviceExists("../actions/s3")).toBe(false);
    expect(actionDetails("s3", "GetObjekt")).toBeUndefined();
    expect(actionsOfService("s4")).toEqual([]);
  });

  test("a real service the project does not load fails loudly, naming the fix", () => {
    expect(IAM_SERVICES).not.toContain("lambda");
    expect(serviceExists("lambda")).toBe(true);
    expect(() => actionDetails("lambda", "InvokeFunction")).toThrow(
      'The IAM catalogue did not load service "lambda": add it to IAM_SERVICES in lib/iam/catalogue.ts.',
    );
  });

  test("a misspelt service prefix is a validation problem, not a crash", () => {
    const document = definePolicy({
      id: "typo",
      description: "t",
      kind: "identity",
      params: {},
      statements: [{ sid: "Typo", effect: "Allow", actions: ["s4:GetObject"], resources: ["*"] }],
    });
    expect(validatePolicy(document)).toEqual([
      'Policy "typo": statement "Typo": action "s4:GetObject": there is no AWS service "s4"; check the service prefix.',
    ]);
  });
});
