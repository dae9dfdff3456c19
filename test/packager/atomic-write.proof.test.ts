import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { loadSettings } from "../../lib/config/load-settings";
import { moduleInputOf } from "../../lib/app/module-input";
import { renderModulesOut, writeModulesOut } from "../../lib/packager/write-modules-out";
import { bigPolicies, buildFixtureModules } from "./fixture-modules";

const projectRoot = join(__dirname, "../..");
const CHILD = join(__dirname, "write-modules-out-child.ts");
const POLICY_COUNT = 800;

function readTree(root: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else files.set(relative(root, path), readFileSync(path, "utf8"));
    }
  };
  walk(root);
  return files;
}

const leftovers = (parent: string): string[] =>
  readdirSync(parent).filter((name) => name.startsWith(".modules-out."));

function startChild(outDir: string): { pid: number; done: Promise<number | null>; kill: () => void } {
  const child = spawn(process.execPath, ["--import", "tsx", CHILD, outDir, String(POLICY_COUNT)], {
    cwd: projectRoot,
    stdio: "ignore",
  });
  const done = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { pid: child.pid ?? -1, done, kill: () => child.kill("SIGKILL") };
}

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  return false;
}

describe("modules-out is replaced atomically", () => {
  let parent: string;
  let outDir: string;
  const settings = loadSettings(projectRoot);

  beforeEach(() => {
    parent = mkdtempSync(join(tmpdir(), "stm-atomic-"));
    outDir = join(parent, "modules-out");
  });
  afterEach(() => rmSync(parent, { recursive: true, force: true }));

  it("a run killed at any moment leaves the previous tree byte-identical; the next run leaves no temp folder", async () => {
    const { stacks } = buildFixtureModules(join(parent, "cdktf.out"));
    await writeModulesOut({
      modules: stacks.map((stack) => moduleInputOf(stack)),
      repositoryUrl: settings.repositoryUrl,
      outDir,
      log: () => undefined,
    });
    const previous = readTree(outDir);
    expect(previous.size).toBeGreaterThan(10);

    // Kill before any output exists, as soon as the temp folder appears, and at moments during the write.
    const killDelaysAfterTempMs = [undefined, 0, 15, 40, 90];
    let killedMidWrite = 0;
    for (const delay of killDelaysAfterTempMs) {
      const child = startChild(outDir);
      if (delay === undefined) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      } else {
        // A killed sibling's lock is stale after 2 s, so the temp folder can take that long to appear.
        const sawTemp = await waitFor(
          () => leftovers(parent).some((name) => name.includes(`tmp-${child.pid}-`)),
          12000,
        );
        if (sawTemp) killedMidWrite += 1;
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
      child.kill();
      await child.done;
      expect(readTree(outDir)).toEqual(previous);
    }
    expect(killedMidWrite).toBe(killDelaysAfterTempMs.length - 1);
    expect(leftovers(parent).length).toBeGreaterThan(0);

    await writeModulesOut({
      modules: stacks.map((stack) => moduleInputOf(stack)),
      repositoryUrl: settings.repositoryUrl,
      outDir,
      log: () => undefined,
      atomic: { lockStaleMs: 2000 },
    });
    expect(leftovers(parent)).toEqual([]);
    expect(readTree(outDir)).toEqual(previous);
  });

  it("two concurrent runs give one complete, correct tree", async () => {
    const first = startChild(outDir);
    const second = startChild(outDir);
    expect(await first.done).toBe(0);
    expect(await second.done).toBe(0);

    const { stacks } = buildFixtureModules(join(parent, "cdktf.out"));
    const expected = await renderModulesOut({
      modules: stacks.map((stack) => moduleInputOf(stack)),
      repositoryUrl: settings.repositoryUrl,
      outDir,
      policies: bigPolicies(POLICY_COUNT),
    });
    const tree = readTree(outDir);
    expect([...tree.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [path, text] of expected) expect(tree.get(path)).toBe(text);
    expect(leftovers(parent)).toEqual([]);
    expect(existsSync(join(parent, ".modules-out.lock"))).toBe(false);
  });
});
