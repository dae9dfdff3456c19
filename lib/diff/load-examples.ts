import { moduleExamples, type ModuleExamples } from "../app/module-examples";
import { loadSettings } from "../config/load-settings";

/** The project's example probes, or why there are none (a line for the report). */
export function loadModuleExamples(projectRoot: string): ModuleExamples | string {
  try {
    return moduleExamples(loadSettings(projectRoot));
  } catch (error) {
    const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
    return `module permissions were not evaluated: the example inputs come from cdktf.json (${reason})`;
  }
}
