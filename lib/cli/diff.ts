import { parseArgs } from "node:util";
import { checkDrift } from "../diff/check-drift";
import { UserError } from "../errors";

export const usage =
  "npm run diff            regenerate every module and compare with modules-out/ (exit 1 on drift)";

/** `npm run diff`: exit 0 and one line when modules-out/ is current; otherwise exit 1 with the report. */
export async function run(args: string[]): Promise<number> {
  try {
    parseArgs({ args, options: {}, strict: true, allowPositionals: false });
  } catch (error) {
    throw new UserError(`diff: ${error instanceof Error ? error.message : String(error)}. Usage: ${usage}`);
  }
  const result = await checkDrift({ projectRoot: process.cwd() });
  process.stdout.write(`${result.report}\n`);
  return result.clean ? 0 : 1;
}
