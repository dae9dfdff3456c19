import { removeSharedModulesOut } from "./generated-modules-out";

/** Jest globalTeardown of the proof tier: the shared generated modules-out/ is removed. */
export default function tearDownProofs(): void {
  removeSharedModulesOut();
}
