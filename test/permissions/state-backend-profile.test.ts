import { synthStateBackendModule } from "../constructs/state-backend-fixture";
import { CATALOGUE } from "../../lib/permissions/catalogue";
import { stateBackendProfile, stateBackendResources } from "../../lib/permissions/profiles/state-backend";

/**
 * The state_backend deploy profile against the state-backend module's own synthesized stack
 * (StateBackendModule, every optional resource present as a counted resource): a resource the
 * module gains or drops changes the stack, and this test fails until the profile follows.
 */
const moduleTypes = Object.keys(synthStateBackendModule().resource).sort();

test("the profile's resource types are exactly the module's synthesized ones", () => {
  expect(moduleTypes.length).toBeGreaterThan(5);
  expect([...new Set(stateBackendProfile.derive.resources.map((resource) => resource.type))].sort()).toEqual(
    moduleTypes,
  );
});

test("every resource type of the module has a permission catalogue entry", () => {
  expect(moduleTypes.filter((type) => !CATALOGUE[type])).toEqual([]);
});

test("a resource type added to the module without a catalogue entry fails, saying where to add it", () => {
  expect(() => stateBackendResources([...moduleTypes, "aws_s3_bucket_replication_configuration"])).toThrow(
    /creates aws_s3_bucket_replication_configuration, which the permission catalogue \(lib\/permissions\/catalogue\.ts\) and STATE_BACKEND_RESOURCE_NAMES/,
  );
});

test("a catalogued type the profile does not name fails too", () => {
  expect(() => stateBackendResources(["aws_ecs_cluster"])).toThrow(
    /creates aws_ecs_cluster, which STATE_BACKEND_RESOURCE_NAMES/,
  );
});
