/**
 * Terraform strings (in JSON and HCL alike) are templates: `${expr}` and `%{directive}` are code,
 * `$${` and `%%{` are literal escapes. To print a JSON string as HCL we must escape only the literal
 * parts, so this splits a string into literal text and template sequences.
 */
export interface TemplatePart {
  readonly kind: "literal" | "sequence";
  readonly text: string;
}

export function splitTemplate(source: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let literal = "";
  let i = 0;
  while (i < source.length) {
    const char = source[i];
    // Most characters start nothing: checked first, since synth splits every string it renders.
    if (char !== "$" && char !== "%") {
      literal += char;
      i += 1;
    } else if (source.startsWith("$${", i) || source.startsWith("%%{", i)) {
      literal += source.slice(i, i + 3);
      i += 3;
    } else if (source.startsWith("${", i) || source.startsWith("%{", i)) {
      const end = endOfSequence(source, i + 2);
      if (literal) parts.push({ kind: "literal", text: literal });
      literal = "";
      parts.push({ kind: "sequence", text: source.slice(i, end) });
      i = end;
    } else {
      literal += source[i];
      i += 1;
    }
  }
  if (literal) parts.push({ kind: "literal", text: literal });
  return parts;
}

/** Index just past the `}` closing a sequence whose body starts at `start`; quoted strings inside are skipped. */
function endOfSequence(source: string, start: number): number {
  let depth = 1;
  let i = start;
  while (i < source.length) {
    const char = source[i];
    if (char === '"') {
      i = endOfQuoted(source, i + 1);
      continue;
    }
    if (char === "{") depth += 1;
    if (char === "}") {
      depth -= 1;
      if (depth === 0) return i + 1;
    }
    i += 1;
  }
  throw new Error(`Unterminated template sequence in ${JSON.stringify(source)}`);
}

/** Index just past the closing quote of a quoted string whose body starts at `start` (templates nest). */
export function endOfQuoted(source: string, start: number): number {
  let i = start;
  while (i < source.length) {
    const char = source[i];
    if (char === "\\") i += 2;
    else if (char === '"') return i + 1;
    else if (char !== "$" && char !== "%") i += 1;
    else if (source.startsWith("$${", i)) i += 3;
    else if (source.startsWith("${", i) || source.startsWith("%{", i)) i = endOfSequence(source, i + 2);
    else i += 1;
  }
  throw new Error(`Unterminated string in ${JSON.stringify(source)}`);
}

/** `"${expr}"` is the expression itself: Terraform's fmt unwraps such strings, so we do too. */
export function wholeExpression(source: string): string | undefined {
  const parts = splitTemplate(source);
  if (parts.length !== 1 || parts[0].kind !== "sequence") return undefined;
  const text = parts[0].text;
  if (!text.startsWith("${") || text.startsWith("${~") || text.endsWith("~}")) return undefined;
  return text.slice(2, -1).trim();
}

const HEREDOC_MARKER = "EOT";

/**
 * A JSON string as an HCL string expression: heredoc for multi-line text ending in a newline (only
 * where the marker can stand on its own line, i.e. not inside a list).
 */
export function renderHclString(source: string, allowHeredoc = true): string {
  const whole = wholeExpression(source);
  if (whole !== undefined) return whole;
  const parts = splitTemplate(source);
  const lines = source.split("\n");
  const heredocSafe =
    allowHeredoc &&
    source.endsWith("\n") &&
    lines.length > 2 &&
    !source.includes("\r") &&
    !lines.some((line) => line.trim() === HEREDOC_MARKER);
  if (heredocSafe) return `<<${HEREDOC_MARKER}\n${source}${HEREDOC_MARKER}`;
  const body = parts
    .map((part) => (part.kind === "sequence" ? part.text : escapeLiteral(part.text)))
    .join("");
  return `"${body}"`;
}

const ESCAPES: Readonly<Record<string, string>> = {
  "\\": "\\\\",
  '"': '\\"',
  "\n": "\\n",
  "\r": "\\r",
  "\t": "\\t",
};

function escapeLiteral(text: string): string {
  let escaped = "";
  for (const char of text) {
    const code = char.charCodeAt(0);
    escaped += ESCAPES[char] ?? (code < 0x20 ? `\\u${code.toString(16).padStart(4, "0")}` : char);
  }
  return escaped;
}
