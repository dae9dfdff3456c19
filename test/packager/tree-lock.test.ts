import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import lockfile from "proper-lockfile";
import { UserError } from "../../lib/errors";
import { writeTreeAtomically } from "../../lib/packager/atomic-tree";

const FILES = new Map([["hcl/m/main.tf", "# one\n"]]);
const STALE_MS = 2000;

describe("the modules-out lock never spins, never trusts a pid and never outlives a run", () => {
  let parent: string;
  let outDir: string;
  let lock: string;
  beforeEach(() => {
    parent = mkdtempSync(join(tmpdir(), "stm-lock-"));
    outDir = join(parent, "modules-out");
    lock = join(parent, ".modules-out.lock");
  });
  afterEach(() => rmSync(parent, { recursive: true, force: true }));

  const write = (options = {}) => writeTreeAtomically(outDir, FILES, { lockStaleMs: STALE_MS, ...options });
  const timed = async (run: () => Promise<void>): Promise<number> => {
    const started = Date.now();
    await run();
    return Date.now() - started;
  };

  it("an empty lock folder nobody refreshes is taken over once stale, not spun on", async () => {
    mkdirSync(lock);
    const ms = await timed(() => write());
    expect(ms).toBeGreaterThanOrEqual(STALE_MS - 200);
    expect(ms).toBeLessThan(STALE_MS + 3000);
    expect(readFileSync(join(outDir, "hcl/m/main.tf"), "utf8")).toBe("# one\n");
    expect(existsSync(lock)).toBe(false);
  }, 15_000);

  it("a lock file of an earlier version naming a live pid (ours) does not make the run wait", async () => {
    writeFileSync(lock, String(process.pid));
    expect(await timed(() => write())).toBeLessThan(1500);
    expect(existsSync(lock)).toBe(false);
  }, 15_000);

  it("a live holder makes the run wait, then fail with one line once the timeout has passed", async () => {
    mkdirSync(parent, { recursive: true });
    const release = await lockfile.lock(lock, { lockfilePath: lock, realpath: false, stale: STALE_MS });
    try {
      const started = Date.now();
      const error = await write({ lockTimeoutMs: 3000 }).catch((e: unknown) => e);
      expect(Date.now() - started).toBeGreaterThanOrEqual(2900);
      expect(error).toBeInstanceOf(UserError);
      expect((error as UserError).message).toMatch(
        /^Another run holds .*\.modules-out\.lock .*remove the folder if no synth is running\.$/,
      );
      expect(existsSync(outDir)).toBe(false);
    } finally {
      await release();
    }
  }, 15_000);

  it("a folder with files at the lock path is refused with one line once stale, its files kept", async () => {
    mkdirSync(lock);
    writeFileSync(join(lock, "notes.txt"), "mine");
    const past = new Date(Date.now() - 60_000);
    utimesSync(lock, past, past);
    await expect(write()).rejects.toThrow(
      /is not a lock this project made .*remove it if no synth is running/,
    );
    expect(readFileSync(join(lock, "notes.txt"), "utf8")).toBe("mine");
  }, 15_000);

  it("a stale lock is removed by a run that has nothing to write", async () => {
    await write();
    mkdirSync(lock);
    const past = new Date(Date.now() - 60_000);
    utimesSync(lock, past, past);
    await write();
    expect(existsSync(lock)).toBe(false);
  }, 15_000);
});
