import { parseArgs } from "node:util";
import { UserError } from "../errors";
import type { BumpKind } from "./bump";

export const usage = "npm run publish -- <module> [--bump major|minor|patch] [--dry-run]";

const BUMPS: readonly BumpKind[] = ["major", "minor", "patch"];

export interface PublishArgs {
  readonly moduleName: string;
  readonly bump?: BumpKind;
  readonly dryRun: boolean;
}

/** Parses and checks every flag before any work: unknown, repeated or conflicting flags are refused. */
export function parsePublishArgs(args: readonly string[]): PublishArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      options: { bump: { type: "string", multiple: true }, "dry-run": { type: "boolean", multiple: true } },
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
  return {
    moduleName: positionals[0],
    bump: bump as BumpKind | undefined,
    dryRun: (values["dry-run"] ?? []).length > 0,
  };
}
