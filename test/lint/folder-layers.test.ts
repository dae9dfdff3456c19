import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import ts from "typescript";

const root = join(__dirname, "..", "..");
const lib = join(root, "lib");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|js)$/.test(entry.name) ? [path] : [];
  });
}

/** `lib/<folder>/...` -> folder; `lib/errors.ts` -> errors. */
function folderOf(path: string): string | undefined {
  const parts = relative(lib, path).split(sep);
  if (parts[0] === ".." || parts[0] === "") return undefined;
  return parts.length === 1 ? parts[0].replace(/\.(ts|js)$/, "") : parts[0];
}

/** Folder -> folders it imports, read by TypeScript's own import scanner. */
function folderGraph(): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const file of sourceFiles(lib)) {
    const from = folderOf(file) as string;
    const edges = graph.get(from) ?? new Set<string>();
    graph.set(from, edges);
    const imports = ts.preProcessFile(readFileSync(file, "utf8"), true, true).importedFiles;
    for (const { fileName } of imports.filter((entry) => entry.fileName.startsWith("."))) {
      const to = folderOf(resolve(dirname(file), fileName));
      if (to && to !== from) edges.add(to);
    }
  }
  return graph;
}

/** One cycle as `a -> b -> a`, or undefined (depth-first search with an on-stack set). */
function findCycle(graph: Map<string, Set<string>>): string | undefined {
  const done = new Set<string>();
  const stack: string[] = [];
  const visit = (node: string): string | undefined => {
    if (stack.includes(node)) return [...stack.slice(stack.indexOf(node)), node].join(" -> ");
    if (done.has(node)) return undefined;
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    stack.pop();
    done.add(node);
    return undefined;
  };
  for (const node of graph.keys()) {
    const cycle = visit(node);
    if (cycle) return cycle;
  }
  return undefined;
}

describe("lib/ folders are layers", () => {
  it("no folder-level import cycle", () => {
    expect(findCycle(folderGraph())).toBeUndefined();
  });

  it("the cycle finder finds a cycle when there is one", () => {
    const graph = new Map([
      ["a", new Set(["b"])],
      ["b", new Set(["c"])],
      ["c", new Set(["a"])],
    ]);
    expect(findCycle(graph)).toBe("a -> b -> c -> a");
  });

  it("the bottom layers import no other lib/ folder but errors", () => {
    const graph = folderGraph();
    expect([...(graph.get("hcl") ?? [])]).toEqual([]);
    expect([...(graph.get("iam") ?? [])]).toEqual([]);
  });
});
