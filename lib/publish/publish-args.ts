import { parseArgs } from "node:util";
import { UserError } from "../errors";
import type { BumpKind } from "./bump";
import type { ResumeAction } from "./interrupted-release";

export const usage =
  "npm run publish -- <module> [--bump major|minor|patch] [--dry-run] | <module> --finish | <module> --undo";

const BUMPS: readonly BumpKind[] = ["major", "minor", "patch"];

export interface PublishArgs {
  readonly moduleName: string;
  readonly bump?: BumpKind;
  readonly dryRun: boolean;
  /** --finish / --undo: complete or remove a release commit left without its tag. */
  readonly resume?: ResumeAction;
}

/** Parses and checks every flag before any work: unknown, repeated or conflicting flags are refused. */
export function parsePublishArgs(args: readonly string[]): PublishArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      options: {
        bump: { type: "string", multiple: true },
        "dry-run": { type: "boolean", multiple: true },
        finish: { type: "boolean" },
        undo: { type: "boolean" },
      },
      strict: true,
      allowPositionals: true,
    });
  } catch (error) {
    throw new UserError(
      `publish: ${error instanceof Error ? error.message : String(error)}. Usage: ${usage}`,
    );
  }
  const { positionals, values } = parsed;
  if (positionals.length !== 1) {
    throw new UserError(
      `publish: expected exactly one module name, got ${positionals.length ? positionals.join(", ") : "none"}. Usage: ${usage}`,
    );
  }
  const bumps = [...new Set(values.bump ?? [])];
  if (bumps.length > 1)
    throw new UserError(`publish: conflicting flags --bump ${bumps.join(" and --bump ")}; give one.`);
  const bump = bumps[0];
  if (bump !== undefined && !BUMPS.includes(bump as BumpKind)) {
    throw new UserError(`publish: --bump ${bump} is not one of ${BUMPS.join(", ")}.`);
  }
  const resume = resumeAction(
    values.finish === true,
    values.undo === true,
    bumps.length > 0 || !!values["dry-run"],
  );
  return {
    moduleName: positionals[0],
    resume,
    bump: bump as BumpKind | undefined,
    dryRun: (values["dry-run"] ?? []).length > 0,
  };
}

function resumeAction(finish: boolean, undo: boolean, otherFlags: boolean): ResumeAction | undefined {
  if (finish && undo) throw new UserError("publish: conflicting flags --finish and --undo; give one.");
  const action = finish ? "finish" : undo ? "undo" : undefined;
  if (action && otherFlags)
    throw new UserError(`publish: --${action} takes no --bump or --dry-run. Usage: ${usage}`);
  return action;
}
