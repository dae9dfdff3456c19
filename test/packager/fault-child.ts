// Run by fault-injection.proof.test.ts: one real packager write in its own process, with an optional fault.
// argv: <outDir> <files JSON path> <fault> ; faults: none | exdev-on-swap | kill-between-renames |
// enospc-after:<n> | eacces-on-mkdir | eperm-on-rename
import fs from "node:fs";
import fsPromises from "node:fs/promises";
import { syncBuiltinESMExports } from "node:module";
import { exitOnUserError } from "../../lib/errors";
import { writeTreeAtomically } from "../../lib/packager/atomic-tree";

const [outDir, filesPath, fault = "none"] = process.argv.slice(2);
const files = new Map<string, string>(Object.entries(JSON.parse(fs.readFileSync(filesPath, "utf8"))));

function errno(code: string, syscall: string, path: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: injected, ${syscall} '${path}'`), { code, syscall, path });
}

const realRename = fs.renameSync;
const isSwapIn = (from: fs.PathLike) => String(from).includes(".tmp-");
if (fault === "exdev-on-swap" || fault === "eperm-on-rename") {
  const code = fault === "exdev-on-swap" ? "EXDEV" : "EPERM";
  fs.renameSync = (from, to) => {
    if (isSwapIn(from)) throw errno(code, "rename", String(from));
    realRename(from, to);
  };
}
if (fault === "kill-between-renames") {
  fs.renameSync = (from, to) => {
    if (isSwapIn(from)) process.kill(process.pid, "SIGKILL");
    realRename(from, to);
  };
}
if (fault.startsWith("enospc-after:")) {
  let left = Number(fault.split(":")[1]);
  const realOpen = fsPromises.open;
  fsPromises.open = async (path, flags, mode) => {
    if (left-- <= 0) throw errno("ENOSPC", "write", String(path));
    return realOpen(path, flags, mode);
  };
}
if (fault === "eacces-on-mkdir") {
  const realMkdir = fsPromises.mkdir;
  fsPromises.mkdir = (async (path: fs.PathLike, options?: fs.MakeDirectoryOptions) => {
    if (String(path).includes(".tmp-")) throw errno("EACCES", "mkdir", String(path));
    return realMkdir(path, options);
  }) as typeof fsPromises.mkdir;
}
syncBuiltinESMExports();

process.stdout.write("writing\n");
writeTreeAtomically(outDir, files, { lockStaleMs: 2000, lockTimeoutMs: 20_000 }).then(
  () => process.exit(0),
  exitOnUserError,
);
