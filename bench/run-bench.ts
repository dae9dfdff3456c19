/**
 * `npm run bench`: synth speed and memory against the one-bucket cdktf template, scaling with the
 * number of environments, the edit loop (median of at least 5), the fast tier (`npm test`), the proof
 * tier (`npm run test:proofs`) and the backend proof alone (the real terraform life cycle in every
 * lock mode, issue 15). Prints every figure beside its target, with the machine's load average (the
 * machine may be shared: figures taken under load are slower than on an idle one), and writes
 * bench/results/latest.json. Options: --runs N (default 3), --skip-test (time no test tier),
 * --skip-proofs (time the fast tier but not the proofs), --edit-loop (only the edit loop, printed
 * beside its target; latest.json is left alone).
 */
import {
  appendFileSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { cpus, loadavg, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { measure, median, type Measurement } from "./measure";
import { oneAccountFigures, oneAccountLines } from "./one-account-scale";

const root = join(__dirname, "..");
const templateDir = join(__dirname, "template");
const cdktfBin = join(root, "node_modules", ".bin", "cdktf");
const env: NodeJS.ProcessEnv = { ...process.env, CHECKPOINT_DISABLE: "1", CI: "true" };
delete env.TF_CLI_CONFIG_FILE;

const args = process.argv.slice(2);
const runs = Number(args[args.indexOf("--runs") + 1] ?? 3) || 3;
const skipTest = args.includes("--skip-test");
const skipProofs = skipTest || args.includes("--skip-proofs");
const editLoopOnly = args.includes("--edit-loop");
/** The edit loop's figure is a median of at least this many runs (issue 22). */
const EDIT_RUNS = Math.max(runs, 5);
const jestBin = join(root, "node_modules", ".bin", "jest");

/** The 1-minute load average, rounded: how busy the machine was while a figure was taken. */
const load = () => Math.round(loadavg()[0] * 10) / 10;

interface Row {
  readonly name: string;
  readonly ms: number;
  readonly peakRssMiB: number;
}

function medianOf(label: string, times: Measurement[]): Row {
  return {
    name: label,
    ms: median(times.map((t) => t.ms)),
    peakRssMiB: median(times.map((t) => t.peakRssMiB)),
  };
}

/**
 * A throwaway project whose `count` environments live in environments.json (context.environmentsFile,
 * so `cdktf synth` is not limited by the CLI's context variable). Sources are copied when `editable`
 * (the edit loop changes them), else linked; node_modules is ours.
 */
function projectWithEnvironments(count: number, editable = false): string {
  const dir = mkdtempSync(join(tmpdir(), `bench-envs-${count}-`));
  const config = JSON.parse(readFileSync(join(root, "cdktf.json"), "utf8"));
  const regions = ["eu-west-1", "us-east-1", "ap-southeast-2", "eu-central-1"];
  delete config.context.environments;
  config.context.environmentsFile = "environments.json";
  const environments = Array.from({ length: count }, (_, i) => ({
    name: "tz",
    accountId: String(100000000000 + Math.floor(i / regions.length)),
    region: regions[i % regions.length],
  }));
  writeFileSync(join(dir, "environments.json"), JSON.stringify(environments));
  writeFileSync(join(dir, "cdktf.json"), JSON.stringify(config, null, 2));
  symlinkSync(join(root, "node_modules"), join(dir, "node_modules"));
  for (const name of ["main.ts", "lib", "tsconfig.json", "package-lock.json"]) {
    if (editable) cpSync(join(root, name), join(dir, name), { recursive: true });
    else symlinkSync(join(root, name), join(dir, name));
  }
  cpSync(join(root, "modules-out"), join(dir, "modules-out"), { recursive: true });
  return dir;
}

/** `npm run synth`'s command: the app in-process, as `cdktf synth` would run it. */
function directSynth(cwd: string): Promise<Measurement> {
  return measure(process.execPath, [join(cwd, "lib", "cli", "synth.js")], cwd, env);
}

/** An author's loop: one edit to a source file, then `npm run synth` (bundle rebuilt, modules regenerated). */
async function editThenSynth(dir: string, run: number): Promise<Measurement> {
  // Text no earlier run wrote: the bundle cache is shared through node_modules, and an edit seen
  // before (`// bench edit 1` of the last bench) found its bundle built and measured no rebuild.
  appendFileSync(
    join(dir, "lib", "app", "module-input.ts"),
    `// bench edit ${run} ${process.pid} ${Date.now()}\n`,
  );
  return directSynth(dir);
}

function appAlone(cwd: string): Promise<Measurement> {
  return measure(process.execPath, [join(root, "lib", "cli", "run-main.js")], cwd, env);
}

/** `npm run synth` in a copy of the project, unchanged and after a one-line edit, alternately. */
async function editLoop(
  log: (line: string) => void,
): Promise<{ direct: Measurement[]; edited: Measurement[] }> {
  log("  npm run synth (direct path): unchanged sources, then after an edit");
  const editDir = projectWithEnvironments(1, true);
  const direct: Measurement[] = [];
  const edited: Measurement[] = [];
  try {
    await directSynth(editDir);
    for (let i = 0; i < EDIT_RUNS; i++) {
      direct.push(await directSynth(editDir));
      edited.push(await editThenSynth(editDir, i));
    }
  } finally {
    rmSync(editDir, { recursive: true, force: true });
  }
  return { direct, edited };
}

async function main(): Promise<void> {
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const loadAtStart = load();
  if (editLoopOnly) {
    const { direct, edited } = await editLoop(log);
    const ms = (times: Measurement[]) => median(times.map((t) => t.ms));
    const editMs = ms(edited);
    console.log(`npm run synth (direct), unchanged: median ${ms(direct).toFixed(0)} ms of ${direct.length}`);
    console.log(
      `edit loop (median of ${EDIT_RUNS}): ${editMs.toFixed(0)} ms, target <= 400 ms: ${editMs <= 400 ? "ok" : "MISSED"} ` +
        `(runs ${edited.map((t) => t.ms.toFixed(0)).join(", ")} ms; load average ${loadAtStart} at start, ${load()} at the end on ${cpus().length} cores)`,
    );
    return;
  }
  log(`bench: ${runs} alternated runs each on ${cpus().length} cores, load average ${loadAtStart}`);

  const template: Measurement[] = [];
  const project: Measurement[] = [];
  const templateApp: Measurement[] = [];
  const projectApp: Measurement[] = [];
  for (let i = 0; i < runs; i++) {
    log(`  run ${i + 1}/${runs}: cdktf synth (template, project), app alone (template, project)`);
    template.push(await measure(cdktfBin, ["synth"], templateDir, env));
    project.push(await measure(cdktfBin, ["synth"], root, env));
    templateApp.push(
      await measure(join(root, "node_modules", ".bin", "ts-node"), ["main.ts"], templateDir, env),
    );
    projectApp.push(await appAlone(root));
  }

  const scale: Row[] = [];
  for (const count of [1, 10, 100]) {
    log(`  app alone with ${count} environment(s)`);
    const dir = projectWithEnvironments(count);
    try {
      const times: Measurement[] = [];
      for (let i = 0; i < runs; i++) times.push(await appAlone(dir));
      scale.push(medianOf(`app, ${count} environment(s)`, times));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  // cdktf synth itself at scale; 10,000 environments (500 accounts x 20 regions) once, it is slow.
  const synthScale: Row[] = [];
  for (const count of [1, 100, 10_000]) {
    log(`  cdktf synth with ${count} environment(s) (environmentsFile)`);
    const dir = projectWithEnvironments(count);
    try {
      const times: Measurement[] = [];
      for (let i = 0; i < (count > 1000 ? 1 : runs); i++)
        times.push(await measure(cdktfBin, ["synth"], dir, env));
      synthScale.push(medianOf(`cdktf synth, ${count} environment(s)`, times));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  const { direct, edited } = await editLoop(log);

  const oneAccount = await oneAccountFigures(env, log);

  const loadBefore = load();
  let testMs: number | null = null;
  let proofsMs: number | null = null;
  let proofMs: number | null = null;
  if (!skipTest) {
    log(`  npm test (lint, types, fast tier; load ${load()})`);
    testMs = (await measure("npm", ["test"], root, env)).ms;
  }
  if (!skipProofs) {
    log(`  npm run test:proofs (load ${load()})`);
    proofsMs = (await measure("npm", ["run", "test:proofs"], root, env)).ms;
    log(`  backend proof alone (load ${load()})`);
    const proofArgs = ["-c", "jest.proofs.config.js", "test/backend-proof"];
    proofMs = (await measure(jestBin, proofArgs, root, env)).ms;
  }
  const loadAfter = load();

  const rows = [
    medianOf("cdktf synth: template (1 bucket)", template),
    medianOf("cdktf synth: this project", project),
    medianOf("app alone: template (ts-node)", templateApp),
    medianOf("app alone: this project", projectApp),
    ...scale,
    ...synthScale,
    medianOf("npm run synth (direct), unchanged", direct),
    medianOf("npm run synth (direct), after an edit", edited),
  ];
  const marginalMs = (scale[2].ms - scale[0].ms) / 99;
  const figures = {
    machine: {
      cores: cpus().length,
      model: cpus()[0]?.model ?? "unknown",
      memoryGiB: Math.round(totalmem() / 2 ** 30),
      node: process.version,
    },
    runs,
    rows,
    ratios: {
      synthTime: rows[1].ms / rows[0].ms,
      synthPeakMemory: rows[1].peakRssMiB / rows[0].peakRssMiB,
      appTime: rows[3].ms / rows[2].ms,
      appPeakMemory: rows[3].peakRssMiB / rows[2].peakRssMiB,
    },
    marginalMsPerEnvironment: marginalMs,
    oneAccount,
    loadAverage1m: { atStart: loadAtStart, beforeTests: loadBefore, atEnd: loadAfter },
    editLoopRuns: EDIT_RUNS,
    npmTestMs: testMs,
    proofTierMs: proofsMs,
    backendProofMs: proofMs,
    targets: {
      synthTimeRatioMax: 0.6,
      synthPeakMemoryRatioMax: 1.1,
      marginalMsPerEnvironmentMax: 20,
      npmTestMsMax: 60_000,
      proofTierMsMax: 360_000,
      backendProofMsMax: 90_000,
      editToModulesOutMsMax: 400,
    },
  };

  const pad = (text: string, width: number) => text.padEnd(width);
  console.log(`${pad("measure", 40)} ${pad("median ms", 10)} peak RSS MiB`);
  for (const row of rows)
    console.log(`${pad(row.name, 40)} ${pad(row.ms.toFixed(0), 10)} ${row.peakRssMiB.toFixed(0)}`);
  const { ratios, targets } = figures;
  const editMs = rows[rows.length - 1].ms;
  const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  /** measure, figure, target, whether it is met (null: not measured in this run). */
  const checks: [string, string, string, boolean | null][] = [
    [
      "synth time ratio",
      ratios.synthTime.toFixed(2),
      `<= ${targets.synthTimeRatioMax}`,
      ratios.synthTime <= targets.synthTimeRatioMax,
    ],
    [
      "synth memory ratio",
      ratios.synthPeakMemory.toFixed(2),
      `<= ${targets.synthPeakMemoryRatioMax}`,
      ratios.synthPeakMemory <= targets.synthPeakMemoryRatioMax,
    ],
    [
      "per environment",
      `${marginalMs.toFixed(1)} ms`,
      `<= ${targets.marginalMsPerEnvironmentMax} ms`,
      marginalMs <= targets.marginalMsPerEnvironmentMax,
    ],
    [
      `edit loop (median of ${EDIT_RUNS})`,
      `${editMs.toFixed(0)} ms`,
      `<= ${targets.editToModulesOutMsMax} ms`,
      editMs <= targets.editToModulesOutMsMax,
    ],
    [
      "fast tier (npm test)",
      testMs === null ? "not run" : seconds(testMs),
      "<= 60 s",
      testMs === null ? null : testMs <= targets.npmTestMsMax,
    ],
    [
      "proof tier (npm run test:proofs)",
      proofsMs === null ? "not run" : seconds(proofsMs),
      "<= 6 min",
      proofsMs === null ? null : proofsMs <= targets.proofTierMsMax,
    ],
    [
      "backend proof alone",
      proofMs === null ? "not run" : seconds(proofMs),
      "<= 90 s",
      proofMs === null ? null : proofMs <= targets.backendProofMsMax,
    ],
  ];
  console.log("");
  console.log(`${pad("target", 34)} ${pad("figure", 10)} ${pad("target", 10)} verdict`);
  for (const [name, figure, target, ok] of checks)
    console.log(
      `${pad(name, 34)} ${pad(figure, 10)} ${pad(target, 10)} ${ok === null ? "-" : ok ? "ok" : "MISSED"}`,
    );
  console.log(
    `app time ratio ${ratios.appTime.toFixed(2)}; app memory ratio ${ratios.appPeakMemory.toFixed(2)}; ` +
      `load average (1 min) ${loadAtStart} at start, ${loadBefore} before the test tiers, ${loadAfter} at the end ` +
      `on ${cpus().length} cores`,
  );
  for (const line of oneAccountLines(oneAccount)) console.log(line);

  mkdirSync(join(__dirname, "results"), { recursive: true });
  writeFileSync(join(__dirname, "results", "latest.json"), `${JSON.stringify(figures, null, 2)}\n`);
  log("bench: wrote bench/results/latest.json");
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
