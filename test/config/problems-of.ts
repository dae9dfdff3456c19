import { parseSettings } from "../../lib/config/load-settings";
import { UserError } from "../../lib/errors";

/** The problems a context is refused with (one line each), or [] when it is accepted. */
export function problemsOf(context: unknown): readonly string[] {
  try {
    parseSettings(context);
    return [];
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    return error.problems;
  }
}
