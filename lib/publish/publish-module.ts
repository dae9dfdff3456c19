import { moduleTag } from "../naming/module-source";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { UserError } from "../errors";
import { diffTrees } from "../diff/file-diff";
import { formatModuleDiff, formatPolicyDiff } from "../diff/format-summary";
import { moduleInterface, moduleNames } from "../diff/module-interface";
import { readTree, type TreeSnapshot } from "../diff/read-tree";
import type { Regenerate } from "../diff/check-drift";
import { semanticDiff } from "../diff/semantic-diff";
import { decideBump, nextVersion, type BumpKind } from "./bump";
import { changelogPath, prependEntry } from "./changelog";
import { changedSince, dirtyPaths, git, lastReleaseTag, tagExists, treeAtRef } from "./git";
import {
  loadModuleVersions,
  MANIFEST_FILE,
  renderModuleVersions,
  type ModuleVersions,
} from "../config/module-versions";
import { policyBelongsToModule } from "./module-policies";
import { consumerSnippets } from "./snippets";

export interface PublishOptions {
  readonly projectRoot: string;
  readonly moduleName: string;
  /** Overrides the computed level (flag > computed). */
  readonly bump?: BumpKind;
  readonly dryRun: boolean;
  /** settings.repositoryUrl: the git URL in consumer snippets. */
  readonly repositoryUrl: string;
  /** Writes a full modules-out tree (synth + packager); also proves the code still validates. */
  readonly regenerate: Regenerate;
  /** Release date, YYYY-MM-DD; defaults to today (UTC). */
  readonly date?: string;
  readonly log: (line: string) => void;
}

export interface PublishResult {
  readonly status: "published" | "dry-run" | "unchanged";
  readonly version?: string;
  readonly tag?: string;
}

const refuse = (reason: string, problems: readonly string[] = []): UserError =>
  new UserError(`publish refused, nothing was changed: ${reason}`, problems);

/**
 * Versions one module: checks, computes the semver bump from the semantic diff against the last
 * tag, records it in module-versions.json and changelogs/<module>.md, commits, and tags
 * `<module>-v<version>`. Every refusal happens before the first write.
 */
export async function publishModule(options: PublishOptions): Promise<PublishResult> {
  const { projectRoot: root, moduleName, log } = options;
  const modulesOut = join(root, "modules-out");
  const committed = readTree(modulesOut);
  const known = moduleNames(committed);
  if (!known.includes(moduleName)) {
    throw refuse(`unknown module "${moduleName}"`, [
      `known modules: ${known.join(", ") || "(none: run npm run synth)"}`,
    ]);
  }
  const dirty = dirtyPaths(root);
  if (dirty.length) throw refuse("the working tree has uncommitted changes; commit or stash them", dirty);

  await assertNoDrift(options, committed);

  // The manifest holds each module's version; the highest tag stands in when it has none.
  const recorded = loadModuleVersions(root).modules[moduleName];
  const last = recorded && tagExists(root, recorded.tag) ? recorded : lastReleaseTag(root, moduleName);
  const modulePaths = [
    `modules-out/hcl/${moduleName}`,
    `modules-out/json/${moduleName}`,
    "modules-out/policies",
  ];
  if (last && !options.bump && !changedSince(root, last.tag, modulePaths)) {
    log(`${moduleName}: nothing to publish, modules-out is unchanged since ${last.tag}.`);
    return { status: "unchanged", version: last.version, tag: last.tag };
  }

  const before: TreeSnapshot = last
    ? treeAtRef(root, last.tag, [`json/${moduleName}`, "policies"])
    : new Map();
  const semantic = semanticDiff(before, committed, [moduleName]);
  const moduleDiff = semantic.modules.find((m) => m.module === moduleName);
  const policies = semantic.policies.filter((p) => policyBelongsToModule(p.policy, moduleName));
  const decision = decideBump(moduleDiff, policies);
  const bump = options.bump ?? (last ? decision.bump : undefined);
  if (options.bump && last && rank(options.bump) < rank(decision.bump)) {
    log(
      `Warning: --bump ${options.bump} is lower than the computed ${decision.bump} (${decision.reasons.join("; ")}).`,
    );
  }
  const version = nextVersion(last?.version, bump);
  const tag = moduleTag(moduleName, version);
  if (tagExists(root, tag))
    throw refuse(`tag ${tag} already exists`, ["choose another --bump or delete the tag"]);

  const summary = [
    ...(moduleDiff ? formatModuleDiff(moduleDiff) : []),
    ...policies.flatMap((policy) => [
      `- policy ${policy.policy}:`,
      ...formatPolicyDiff(policy).map((l) => `  ${l}`),
    ]),
  ].join("\n");
  const reasons = options.bump
    ? [`--bump ${options.bump}`, ...decision.reasons]
    : last
      ? decision.reasons
      : ["first release"];
  log(`${moduleName}: ${last ? `${last.tag} -> ` : ""}${tag} (${bump ?? "first release"})`);
  for (const reason of reasons) log(`  - ${reason}`);

  const snippets = consumerSnippets(
    options.repositoryUrl,
    moduleName,
    tag,
    moduleInterface(committed, moduleName),
  );
  if (options.dryRun) {
    log("Dry run: nothing was written, committed or tagged.");
    log(snippets);
    return { status: "dry-run", version, tag };
  }

  const versions = loadModuleVersions(root);
  const previousMoves = versions.modules[moduleName]?.moved ?? [];
  const updated: ModuleVersions = {
    modules: {
      ...versions.modules,
      [moduleName]: { version, tag, moved: [...previousMoves, ...(moduleDiff?.resourcesRenamed ?? [])] },
    },
  };
  const changelog = changelogPath(root, moduleName);
  writeFileSync(join(root, MANIFEST_FILE), renderModuleVersions(updated));
  mkdirSync(dirname(changelog), { recursive: true });
  writeFileSync(
    changelog,
    prependEntry(root, moduleName, {
      version,
      tag,
      date: options.date ?? new Date().toISOString().slice(0, 10),
      bump: bump ?? "first release",
      reasons,
      summary,
    }),
  );
  // The packager reads the manifest (versions, moved blocks): regenerate so the tag carries them.
  await options.regenerate(modulesOut);
  warnIfMovedBlocksMissing(modulesOut, moduleName, moduleDiff?.resourcesRenamed.length ?? 0, log);

  git(root, ["add", "--", MANIFEST_FILE, relative(root, changelog), "modules-out"]);
  git(root, ["commit", "--quiet", "-m", `release: ${tag}`, "-m", summary || reasons.join("\n")]);
  git(root, [
    "tag",
    "-a",
    tag,
    "-m",
    `${moduleName} ${version}\n\n${reasons.map((r) => `- ${r}`).join("\n")}`,
  ]);
  log(`Committed and tagged ${tag}. Push with: git push origin HEAD ${tag}`);
  log(snippets);
  return { status: "published", version, tag };
}

const rank = (bump: BumpKind): number => ({ patch: 0, minor: 1, major: 2 })[bump];

/** Regenerating proves the code still synthesizes and validates, and that modules-out/ is current. */
async function assertNoDrift(options: PublishOptions, committed: TreeSnapshot): Promise<void> {
  const scratch = mkdtempSync(join(tmpdir(), "stm-publish-"));
  try {
    try {
      await options.regenerate(join(scratch, "modules-out"));
    } catch (error) {
      throw refuse("validation failed while regenerating the modules", [
        error instanceof Error ? error.message : String(error),
      ]);
    }
    const drift = diffTrees(committed, readTree(join(scratch, "modules-out")));
    if (drift.length) {
      throw refuse(
        "modules-out/ differs from what the code generates; run `npm run synth`, commit, and publish again",
        drift.map((change) => `${change.kind}: modules-out/${change.path}`),
      );
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

function warnIfMovedBlocksMissing(
  modulesOut: string,
  moduleName: string,
  renames: number,
  log: (line: string) => void,
): void {
  if (renames === 0) return;
  const main = join(modulesOut, "hcl", moduleName, "main.tf");
  const text = existsSync(main) ? readFileSync(main, "utf8") : "";
  const found = (text.match(/^moved\s*\{/gm) ?? []).length;
  if (found < renames) {
    log(
      `Warning: ${renames} resource address change(s) recorded in ${MANIFEST_FILE}, but ${relative(modulesOut, main)} has ${found} moved block(s): the packager must emit movedBlocksFor(versions, "${moduleName}").`,
    );
  }
}
