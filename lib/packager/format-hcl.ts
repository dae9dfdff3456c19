import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

/**
 * `format` from @cdktf/hcl-tools, memoized on disk. hcl-tools runs Go's hclwrite as WebAssembly:
 * starting it costs ~0.3 s of CPU per process and its runtime keeps the event loop alive for about a
 * second, which was most of a synth. Formatting is a pure function of the text, so a content-addressed
 * cache (keyed by the text and the hcl-tools version) returns exactly what `format` would, and the
 * WebAssembly is loaded only when some text was never formatted before.
 */
/** node_modules/.cache/..., found through the package rather than __dirname, which bundling moves. */
function cacheDir(): string {
  const nodeModules = join(dirname(require.resolve("@cdktf/hcl-tools/package.json")), "..", "..");
  return join(nodeModules, ".cache", "secure-tf-modules", "hcl-format");
}

let toolVersion: string | undefined;

function hclToolsVersion(): string {
  toolVersion ??= (
    JSON.parse(readFileSync(require.resolve("@cdktf/hcl-tools/package.json"), "utf8")) as { version: string }
  ).version;
  return toolVersion;
}

export async function formatHcl(text: string): Promise<string> {
  const key = createHash("sha256").update(hclToolsVersion()).update("\0").update(text).digest("hex");
  const directory = cacheDir();
  const cached = join(directory, `${key}.tf`);
  try {
    return readFileSync(cached, "utf8");
  } catch {
    // Not formatted before: fall through to hcl-tools.
  }
  const { format } = await import("@cdktf/hcl-tools");
  const formatted = await format(text);
  try {
    mkdirSync(directory, { recursive: true });
    // Write then rename, so a concurrent run never reads a half-written entry.
    const temporary = `${cached}.${process.pid}.tmp`;
    writeFileSync(temporary, formatted);
    renameSync(temporary, cached);
  } catch {
    // A read-only or missing cache only costs speed.
  }
  return formatted;
}
