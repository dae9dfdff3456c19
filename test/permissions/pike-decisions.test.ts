import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { CATALOGUE, allActions, type CatalogueEntry } from "../../lib/permissions/catalogue";
import { PIKE_DECISIONS, type Decision } from "../../lib/permissions/decisions";
import { DEPLOY_PROFILES } from "../../lib/permissions/profiles";
import { deployPolicyDocument } from "../../lib/permissions/deploy-profile";

/**
 * pike's recorded mappings (vendored with its LICENSE and NOTICE) are an independent witness of
 * what the provider calls: every place the catalogue differs from them must be decided, with the
 * provider source that settles it, in lib/permissions/decisions.ts.
 */
const PIKE = join(__dirname, "..", "fixtures", "pike", "src", "mapping", "aws", "resource");

interface PikeMapping {
  readonly apply?: readonly string[];
  readonly plan?: readonly string[];
  readonly modify?: readonly string[];
  readonly destroy?: readonly string[];
  readonly attributes?: Readonly<Record<string, readonly string[]>>;
}

/** How a witness lists an action: on every run, only with an argument, or not at all. */
type Listing = { readonly kind: "always" } | { readonly kind: "argument"; readonly arguments: string[] };

/** pike files by Terraform type. */
function pikeFiles(): Map<string, string> {
  const files = new Map<string, string>();
  for (const service of readdirSync(PIKE)) {
    for (const file of readdirSync(join(PIKE, service)))
      files.set(file.replace(/\.json$/, ""), join(PIKE, service, file));
  }
  return files;
}

/** Tags are always set (every resource carries Environment), so pike's `tags` calls are always made. */
const ALWAYS_SET = new Set(["tags", "tag"]);

function pikeListing(mapping: PikeMapping): Map<string, Listing> {
  const out = new Map<string, Listing>();
  for (const action of [mapping.apply, mapping.plan, mapping.modify, mapping.destroy].flatMap(
    (list) => list ?? [],
  )) {
    out.set(action, { kind: "always" });
  }
  for (const [argument, actions] of Object.entries(mapping.attributes ?? {})) {
    for (const action of actions) {
      const current = out.get(action);
      if (ALWAYS_SET.has(argument) || current?.kind === "always") out.set(action, { kind: "always" });
      else out.set(action, { kind: "argument", arguments: [...(current?.arguments ?? []), argument] });
    }
  }
  return out;
}

function catalogueListing(entry: CatalogueEntry): Map<string, Listing> {
  const out = new Map<string, Listing>();
  for (const calls of entry.whenSet ?? []) {
    for (const action of calls.actions) {
      const current = out.get(action);
      out.set(action, {
        kind: "argument",
        arguments: [...(current?.kind === "argument" ? current.arguments : []), calls.argument],
      });
    }
  }
  for (const action of [...allActions(entry), ...(entry.related ?? []).flatMap((r) => r.actions)]) {
    out.set(action, { kind: "always" });
  }
  return out;
}

function agree(pike?: Listing, ours?: Listing): boolean {
  if (!pike || !ours) return pike === ours;
  if (pike.kind === "always" || ours.kind === "always") return pike.kind === ours.kind;
  return ours.arguments.some((argument) => pike.arguments.includes(argument));
}

const decisionKey = (decision: Pick<Decision, "type" | "action">) => `${decision.type} ${decision.action}`;
const decisions = new Map(PIKE_DECISIONS.map((decision) => [decisionKey(decision), decision]));
const files = pikeFiles();
const types = Object.keys(CATALOGUE).sort();

test("the vendored pike mappings carry pike's LICENSE and NOTICE", () => {
  const notice = readFileSync(join(__dirname, "..", "fixtures", "pike", "NOTICE"), "utf8");
  expect(notice).toMatch(/Apache License 2\.0/);
  expect(existsSync(join(__dirname, "..", "fixtures", "pike", "LICENSE"))).toBe(true);
});

test("decisions are unique per (type, action)", () => {
  expect(decisions.size).toBe(PIKE_DECISIONS.length);
});

describe.each(types)("%s against pike", (type) => {
  const entry = CATALOGUE[type];
  test("has a pike mapping", () => {
    // A new catalogue type needs its pike file vendored (or pike's mapping, if pike has none, recorded here).
    expect(files.has(type)).toBe(true);
  });
  const file = files.get(type);
  const pike = file
    ? pikeListing((JSON.parse(readFileSync(file, "utf8")) as PikeMapping[])[0])
    : new Map<string, Listing>();
  const ours = catalogueListing(entry);
  const disagreements = [...new Set([...pike.keys(), ...ours.keys()])]
    .filter((action) => !agree(pike.get(action), ours.get(action)))
    .sort();

  test("every disagreement is decided", () => {
    const undecided = disagreements.filter((action) => !decisions.has(`${type} ${action}`));
    expect(undecided).toEqual([]);
  });

  const own = PIKE_DECISIONS.filter((decision) => decision.type === type);
  if (own.length === 0) return;
  test.each(own.map((decision) => [decision.action, decision] as const))(
    "%s: the catalogue follows the decision",
    (_action, decision) => {
      const listing = ours.get(decision.action);
      expect(decision.provider.file).toMatch(/\.go$/);
      expect(decision.reason.length).toBeGreaterThan(20);
      // A decision is for a disagreement, or records an argument the call depends on, or records
      // what a recorded run settled (e.g. a call the catalogue listed and the provider never made).
      expect(
        disagreements.includes(decision.action) ||
          decision.verdict === "when-set" ||
          decision.settledBy !== undefined,
      ).toBe(true);
      if (decision.verdict === "not-needed") expect(listing).toBeUndefined();
      if (decision.verdict === "when-set") {
        expect(listing).toEqual({ kind: "argument", arguments: expect.arrayContaining([decision.argument]) });
      }
      if (decision.verdict === "needed" && !decision.grantedBy) expect(listing).toEqual({ kind: "always" });
      if (decision.grantedBy === "profile") {
        expect(listing).toBeUndefined();
        const profiles = Object.values(DEPLOY_PROFILES).filter((profile) =>
          profile.derive.resources.some((resource) => resource.type === type),
        );
        for (const profile of profiles) {
          const granted = deployPolicyDocument(profile).statements.flatMap((statement) => statement.actions);
          expect([profile.id, granted.includes(decision.action)]).toEqual([profile.id, true]);
        }
      }
    },
  );
});

test("every decision names a catalogue type", () => {
  expect(PIKE_DECISIONS.filter((decision) => !CATALOGUE[decision.type]).map(decisionKey)).toEqual([]);
});

/**
 * The decision table meets the record: the calls the real provider made in the apply proof's life
 * cycles (committed by that proof as test/fixtures/recorded-calls.json). A recorded call
 * contradicts a `not-needed` row; a `needed` row the record shows says `settledBy`; a row that says
 * `settledBy` is shown by the record; rows of types no run recorded keep their citation only.
 */
describe("decisions against the recorded calls of the real provider", () => {
  const recorded = JSON.parse(
    readFileSync(join(__dirname, "..", "fixtures", "recorded-calls.json"), "utf8"),
  ) as { profiles: Record<string, Array<{ type: string; operation: string; actions: string[] }>> };
  const calledBy = new Map<string, Set<string>>();
  for (const rows of Object.values(recorded.profiles))
    for (const row of rows) {
      const actions = calledBy.get(row.type) ?? new Set<string>();
      for (const action of row.actions) actions.add(action);
      calledBy.set(row.type, actions);
    }
  const settles = (decision: Decision): boolean => {
    const called = calledBy.get(decision.type);
    if (!called) return false;
    if (decision.verdict === "needed" && !decision.grantedBy) return called.has(decision.action);
    if (decision.verdict === "not-needed") return !called.has(decision.action);
    return false;
  };

  test("the record covers some of the table's types", () => {
    expect(PIKE_DECISIONS.filter((decision) => calledBy.has(decision.type)).length).toBeGreaterThan(0);
  });

  test("no recorded call contradicts a not-needed row", () => {
    const contradicted = PIKE_DECISIONS.filter(
      (decision) => decision.verdict === "not-needed" && calledBy.get(decision.type)?.has(decision.action),
    );
    expect(contradicted.map(decisionKey)).toEqual([]);
  });

  test("a row says settledBy exactly when the record settles it", () => {
    const mismatched = PIKE_DECISIONS.filter(
      (decision) => (decision.settledBy !== undefined) !== settles(decision),
    ).map(
      (decision) =>
        `${decisionKey(decision)} (${decision.settledBy ? "says settled, is not" : "is settled, does not say so"})`,
    );
    expect(mismatched).toEqual([]);
  });

  test("every catalogue action of a recorded type that the record never shows keeps a reason", () => {
    // Reads that no life cycle exercised stay backed by the catalogue's citation: this only checks
    // that the record knows each recorded type's calls by IAM action names the catalogue uses.
    for (const [type, actions] of calledBy) {
      const entry = CATALOGUE[type];
      if (!entry) continue;
      const listed = new Set([...allActions(entry), ...(entry.related ?? []).flatMap((r) => r.actions)]);
      const unknown = [...actions].filter(
        (action) => !listed.has(action) && !decisions.has(`${type} ${action}`),
      );
      expect({ type, unknown }).toEqual({ type, unknown: [] });
    }
  });
});
