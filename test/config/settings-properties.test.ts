import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { parseSettings } from "../../lib/config/load-settings";
import { UserError } from "../../lib/errors";

const validContext = (): Record<string, unknown> =>
  JSON.parse(readFileSync(join(__dirname, "../../cdktf.json"), "utf8")).context;

/** Every key path (objects and array items) of a JSON value, e.g. ["examples", "accountId"]. */
function pathsOf(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value))
    return value.flatMap((item, index) => [[...prefix, index], ...pathsOf(item, [...prefix, index])]);
  if (value !== null && typeof value === "object") {
    return Object.entries(value).flatMap(([key, inner]) => [
      [...prefix, key],
      ...pathsOf(inner, [...prefix, key]),
    ]);
  }
  return [];
}

function setAt(root: unknown, path: readonly (string | number)[], replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const copy = (Array.isArray(root) ? [...root] : { ...(root as object) }) as Record<
    string | number,
    unknown
  >;
  copy[path[0]] = setAt(copy[path[0]], path.slice(1), replacement);
  return copy;
}

const PATHS = pathsOf(validContext());

/** One mutation: a key's value replaced by any JSON value, a random string, or a new key added somewhere. */
const mutation = fc.oneof(
  fc.record({
    kind: fc.constant("replace" as const),
    path: fc.constantFrom(...PATHS),
    value: fc.jsonValue({ maxDepth: 2 }),
  }),
  fc.record({
    kind: fc.constant("replace" as const),
    path: fc.constantFrom(...PATHS),
    value: fc.string({ maxLength: 80 }),
  }),
  fc.record({
    kind: fc.constant("add" as const),
    path: fc.constantFrom<(string | number)[]>([], ["examples"], ["environments", 0]),
    key: fc.string({ minLength: 1, maxLength: 12 }),
    value: fc.jsonValue({ maxDepth: 1 }),
  }),
);

function apply(context: unknown, change: Mutation): unknown {
  if (change.kind === "replace") return setAt(context, change.path, change.value);
  let parent: unknown = context;
  for (const key of change.path) {
    // An earlier mutation may have replaced the parent with a non-object: nothing to add to.
    if (parent === null || typeof parent !== "object") return context;
    parent = (parent as Record<string | number, unknown>)[key];
  }
  if (parent === null || typeof parent !== "object" || Array.isArray(parent)) return context;
  return setAt(context, change.path, { ...parent, [change.key]: change.value });
}

type Mutation =
  | { kind: "replace"; path: (string | number)[]; value: unknown }
  | { kind: "add"; path: (string | number)[]; key: string; value: unknown };

describe("settings: random mutations never crash", () => {
  it("parseSettings either accepts or throws a UserError whose every problem names a context key", () => {
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (changes) => {
        const context = changes.reduce<unknown>(
          (current, change) => apply(current, change as Mutation),
          validContext(),
        );
        try {
          parseSettings(context);
        } catch (error) {
          if (!(error instanceof UserError)) throw error;
          expect(error.problems.length).toBeGreaterThan(0);
          for (const problem of error.problems)
            expect(problem).toMatch(/^context(\.[A-Za-z0-9_$-]+|\[".*"\])* = .*: /s);
          expect(error.message).not.toMatch(/\n\s+at /);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("a mutation that changes an account id to a random string is refused naming that key", () => {
    fc.assert(
      fc.property(
        fc.string().filter((s) => !/^[0-9]{12}$/.test(s)),
        (accountId) => {
          const context = validContext();
          const examples = { ...(context.examples as object), accountId };
          expect(() => parseSettings({ ...context, examples })).toThrow(/context\.examples\.accountId = /);
        },
      ),
      { numRuns: 100 },
    );
  });

  it("an added key is always refused naming it", () => {
    fc.assert(
      fc.property(
        fc
          .string({ minLength: 1, maxLength: 20 })
          .filter((key) => !(key in validContext()) && key !== "__proto__"),
        fc.jsonValue({ maxDepth: 1 }),
        (key, value) => {
          expect(() => parseSettings({ ...validContext(), [key]: value })).toThrow(UserError);
          try {
            parseSettings({ ...validContext(), [key]: value });
          } catch (error) {
            const named = /^[A-Za-z0-9_$-]+$/.test(key)
              ? `context.${key} = `
              : `context[${JSON.stringify(key)}] = `;
            expect((error as UserError).problems.some((problem) => problem.startsWith(named))).toBe(true);
          }
        },
      ),
      { numRuns: 100 },
    );
  });
});
