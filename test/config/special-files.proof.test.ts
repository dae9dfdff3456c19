import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ensureBundle } from "../../lib/cli/app-bundle";

const PROJECT_ROOT = join(__dirname, "../..");
const SETTINGS = JSON.parse(readFileSync(join(PROJECT_ROOT, "cdktf.json"), "utf8")) as {
  context: Record<string, unknown>;
};
/** Long enough for a synth on a busy machine; a read that blocks on a FIFO never ends. */
const TIMEOUT_MS = 30000;

function mkfifo(path: string): void {
  expect(spawnSync("mkfifo", [path]).status).toBe(0);
}

/** cdktf.json whose environments come from environments.json (the file the cases replace). */
function withEnvironmentsFile(dir: string): void {
  const context: Record<string, unknown> = { ...SETTINGS.context, environmentsFile: "environments.json" };
  delete context.environments;
  writeFileSync(join(dir, "cdktf.json"), JSON.stringify({ ...SETTINGS, context }));
}

/** Runs the app `cdktf synth` runs in a temp project made by `setUp`: what it printed, how it ended. */
function synthIn(setUp: (dir: string) => void) {
  const dir = mkdtempSync(join(tmpdir(), "stm-special-file-"));
  try {
    setUp(dir);
    const result = spawnSync(process.execPath, [join(PROJECT_ROOT, "lib/cli/run-main.js")], {
      cwd: dir,
      encoding: "utf8",
      env: { ...process.env, CDKTF_OUTDIR: join(dir, "cdktf.out") },
      timeout: TIMEOUT_MS,
    });
    return { status: result.status, stderr: result.stderr, stdout: result.stdout };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function expectOneLine(result: { status: number | null; stderr: string }, rule: RegExp): void {
  expect(result.status).toBe(1); // null: killed at the timeout, the read hung
  const lines = result.stderr.trim().split("\n");
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(rule);
  expect(result.stderr).not.toMatch(/\n\s+at /);
}

// Issue 24 item 7: a FIFO hung synth and diff, /dev/zero read until memory ran out, a link outside
// the project was followed and 10 characters of its target echoed.
describe("only regular files inside the project are read, with a size bound", () => {
  beforeAll(() => ensureBundle(PROJECT_ROOT), 120000);

  it("a FIFO in place of cdktf.json", () => {
    const result = synthIn((dir) => mkfifo(join(dir, "cdktf.json")));
    expectOneLine(
      result,
      /cdktf\.json cannot be read \(a named pipe \(FIFO\)\): only a regular file is read/,
    );
  });

  it("a FIFO in place of the environmentsFile", () => {
    const result = synthIn((dir) => {
      withEnvironmentsFile(dir);
      mkfifo(join(dir, "environments.json"));
    });
    expectOneLine(result, /environments\.json cannot be read \(a named pipe \(FIFO\)\)/);
  });

  it("a FIFO in place of module-versions.json", () => {
    const result = synthIn((dir) => {
      writeFileSync(join(dir, "cdktf.json"), JSON.stringify(SETTINGS));
      mkfifo(join(dir, "module-versions.json"));
    });
    expectOneLine(result, /module-versions\.json cannot be read \(a named pipe \(FIFO\)\)/);
  });

  it("an environmentsFile linked to /dev/zero is refused at once, without reading it", () => {
    const result = synthIn((dir) => {
      withEnvironmentsFile(dir);
      symlinkSync("/dev/zero", join(dir, "environments.json"));
    });
    expectOneLine(result, /environments\.json cannot be read \(outside the project\)/);
  });

  it("an environmentsFile that is a folder", () => {
    const result = synthIn((dir) => {
      withEnvironmentsFile(dir);
      mkdirSync(join(dir, "environments.json"));
    });
    expectOneLine(result, /environments\.json cannot be read \(EISDIR\): it is a folder, not a file/);
  });

  it("a link outside the project is neither followed nor echoed", () => {
    const outside = mkdtempSync(join(tmpdir(), "stm-outside-"));
    const secret = join(outside, "secret-target.json");
    writeFileSync(secret, "TOPSECRET-CONTENT not json");
    try {
      const result = synthIn((dir) => {
        withEnvironmentsFile(dir);
        symlinkSync(secret, join(dir, "environments.json"));
      });
      expectOneLine(result, /environments\.json cannot be read \(outside the project\): .*not followed/);
      expect(result.stderr + result.stdout).not.toMatch(/TOPSECRET|secret-target|stm-outside/);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it("a regular file larger than the bound (sparse, 65 MiB) is refused without reading it", () => {
    const result = synthIn((dir) => {
      withEnvironmentsFile(dir);
      expect(spawnSync("truncate", ["-s", "65M", join(dir, "environments.json")]).status).toBe(0);
    });
    expectOneLine(result, /environments\.json cannot be read \(larger than 67108864 bytes\)/);
  });

  it("npm run synth (lib/cli/synth.js) with a FIFO in place of cdktf.json", () => {
    const dir = mkdtempSync(join(tmpdir(), "stm-special-synth-"));
    try {
      cpSync(join(PROJECT_ROOT, "lib"), join(dir, "lib"), { recursive: true });
      mkfifo(join(dir, "cdktf.json"));
      const result = spawnSync(process.execPath, [join(dir, "lib/cli/synth.js")], {
        cwd: dir,
        encoding: "utf8",
        timeout: TIMEOUT_MS,
      });
      expectOneLine(result, /cdktf\.json could not be read \(not a regular file/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** Whether this machine lets us make a private read-only bind mount (root, mount namespaces). */
const canMountReadOnly = spawnSync("unshare", ["-m", "true"]).status === 0;

describe("a read-only checkout", () => {
  it("npm run synth says EROFS in one line", () => {
    if (!canMountReadOnly) {
      // Said out loud: the EROFS branch needs a read-only mount this machine does not allow.
      process.stdout.write("unshare -m is not allowed here: the read-only checkout case did not run\n");
      return;
    }
    const dir = mkdtempSync(join(tmpdir(), "stm-readonly-"));
    const mountPoint = mkdtempSync(join(tmpdir(), "stm-readonly-mnt-"));
    try {
      for (const name of [
        "lib",
        "main.ts",
        "cdktf.json",
        "tsconfig.json",
        "package-lock.json",
        "modules-out",
      ])
        cpSync(join(PROJECT_ROOT, name), join(dir, name), { recursive: true });
      symlinkSync(join(PROJECT_ROOT, "node_modules"), join(dir, "node_modules"));
      // A private mount namespace: the read-only bind mount is seen by this command only.
      const script = `mount --bind "$1" "$2" && mount -o remount,bind,ro "$2" && cd "$2" && exec "$3" lib/cli/synth.js`;
      const result = spawnSync(
        "unshare",
        ["-m", "sh", "-c", script, "sh", dir, mountPoint, process.execPath],
        {
          encoding: "utf8",
          env: { ...process.env, CHECKPOINT_DISABLE: "1" },
          timeout: 120000,
        },
      );
      // The app reports user errors on stdout, as it does under the cdktf CLI.
      const output = { status: result.status, stderr: `${result.stdout}${result.stderr}` };
      expectOneLine(
        output,
        /EROFS at .*cdktf\.out: the file system is read-only; run from a writable checkout/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
      rmSync(mountPoint, { recursive: true, force: true });
    }
  }, 150000);
});
