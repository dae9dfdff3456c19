import { loadIamCatalogue } from "../lib/iam/catalogue";

// Constructs derive and validate policies synchronously against the loaded IAM catalogue, and
// test files build them while jest collects tests: load it before any test file is evaluated.
module.exports = async (): Promise<void> => {
  await loadIamCatalogue();
};
