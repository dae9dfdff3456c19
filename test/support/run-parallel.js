"use strict";
// `npm test`'s static checks at once: eslint, prettier and tsc each use one core, so on a 2-core
// machine running them one after the other left a core idle for most of the time. Each command's
// output is printed whole when it ends (never interleaved); the exit status is 1 if any failed.
// Usage: node test/support/run-parallel.js "<command>" ... (run through npm, so node_modules/.bin is on PATH)
const { spawn } = require("node:child_process");

function run(command) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(command, { shell: true, stdio: ["ignore", "pipe", "pipe"] });
    const chunks = [];
    child.stdout.on("data", (chunk) => chunks.push(chunk));
    child.stderr.on("data", (chunk) => chunks.push(chunk));
    child.on("close", (code, signal) => {
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      const verdict = code === 0 ? "ok" : `FAILED (${signal ?? `exit ${code}`})`;
      process.stdout.write(`> ${command}: ${verdict} in ${seconds} s\n${Buffer.concat(chunks).toString()}`);
      resolve(code === 0);
    });
  });
}

Promise.all(process.argv.slice(2).map(run)).then((results) => {
  process.exitCode = results.every(Boolean) ? 0 : 1;
});
