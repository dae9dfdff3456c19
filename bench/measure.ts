import { spawn } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";

export interface Measurement {
  readonly ms: number;
  /** Peak of the summed resident memory of the whole process tree (CLI + app), in MiB. */
  readonly peakRssMiB: number;
}

/** Resident set size of one process in KiB, 0 when it has gone. */
function rssKiB(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

/** Every live descendant of pid (inclusive), from /proc: the cdktf CLI runs the app as a child. */
function tree(root: number): number[] {
  const parents = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      const children = parents.get(ppid) ?? [];
      children.push(Number(entry));
      parents.set(ppid, children);
    } catch {
      // The process ended while we looked.
    }
  }
  const out: number[] = [];
  const queue = [root];
  while (queue.length) {
    const pid = queue.pop() as number;
    out.push(pid);
    queue.push(...(parents.get(pid) ?? []));
  }
  return out;
}

/** Runs a command to completion, sampling the tree's memory every 25 ms; fails on a non-zero exit. */
export function measure(
  command: string,
  args: readonly string[],
  cwd: string,
  env: NodeJS.ProcessEnv,
): Promise<Measurement> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(command, args, { cwd, env, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    let peak = 0;
    const timer = setInterval(() => {
      if (child.pid === undefined) return;
      const total = tree(child.pid).reduce((sum, pid) => sum + rssKiB(pid), 0);
      peak = Math.max(peak, total);
    }, 25);
    child.on("error", reject);
    child.on("close", (code) => {
      clearInterval(timer);
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      if (code !== 0)
        reject(new Error(`${command} ${args.join(" ")} exited ${code}\n${stderr.slice(-2000)}`));
      else resolve({ ms, peakRssMiB: peak / 1024 });
    });
  });
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
