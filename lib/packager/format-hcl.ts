import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

/**
 * `format` from @cdktf/hcl-tools, memoized on disk. hcl-tools runs Go's hclwrite as WebAssembly:
 * starting it costs ~0.3 s of CPU per process and its runtime keeps the event loop alive for about a
 * second, which was most of a synth. Formatting is a pure function of the text, so a content-addressed
 * cache (keyed by the text and the hcl-tools version) can return what `format` would. The cache is a
 * folder anyone with write access to node_modules can edit, so an entry is used only when it is a
 * formatting of the input (see isFormattingOf); any other entry is rebuilt and replaced.
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

/** Whether to read the on-disk cache: the drift gate passes "off" so no cache can alter what it compares. */
export type FormatCache = "verified" | "off";

export async function formatHcl(text: string, cache: FormatCache = "verified"): Promise<string> {
  const key = createHash("sha256").update(hclToolsVersion()).update("\0").update(text).digest("hex");
  const cached = join(cacheDir(), `${key}.tf`);
  if (cache === "verified") {
    const entry = readEntry(cached);
    if (entry !== undefined && isFormattingOf(entry, text)) return entry;
  }
  const { format } = await import("@cdktf/hcl-tools");
  const formatted = await format(text);
  writeEntry(cached, formatted);
  return formatted;
}

function readEntry(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined; // Not formatted before.
  }
}

function writeEntry(path: string, formatted: string): void {
  try {
    mkdirSync(dirname(path), { recursive: true });
    // Write then rename, so a concurrent run never reads a half-written entry; a bad entry is replaced.
    const temporary = `${path}.${process.pid}.tmp`;
    writeFileSync(temporary, formatted);
    renameSync(temporary, path);
  } catch {
    // A read-only or missing cache only costs speed.
  }
}

/** One-line quoted strings: whitespace inside them is content (an ARN, a message), not layout. */
const QUOTED = /"(?:[^"\\\n]|\\.)*"/g;

/**
 * hclwrite's formatting changes only whitespace between tokens. So a candidate is a formatting of the
 * input when its non-whitespace text is the input's, its quoted strings are the input's character for
 * character, and it ends the way formatted text does (a truncated entry loses its final newline).
 * Anything else, however plausible, is not trusted.
 */
export function isFormattingOf(candidate: string, input: string): boolean {
  const bare = (text: string) => text.replace(/\s+/g, "");
  const strings = (text: string) => (text.match(QUOTED) ?? []).join("\n");
  return (
    bare(candidate) === bare(input) &&
    strings(candidate) === strings(input) &&
    candidate.endsWith("\n") === input.endsWith("\n")
  );
}
