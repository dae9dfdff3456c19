import { endOfQuoted, splitTemplate } from "./string-template";

/**
 * Lays a long HCL expression out over several lines so a reviewer can read (and diff) it: a bracket
 * group that does not fit is opened, one item per line, recursively; a parenthesised chain of
 * `&&`, `||`, `?` and `:` gets one operand per line. Newlines go only where HCL ignores them (inside
 * `(...)` and `[...]`, between the items of `{...}`), so the expression means exactly the same;
 * `terraform fmt` (hcl-tools) then indents the lines. Text that cannot be split (one long string
 * literal) stays as it is.
 *
 * A long string becomes `join("", [...])` of short parts, except inside a `jsonencode(...)` document
 * (an IAM policy): there every string stays whole, because scanners such as checkov evaluate a
 * document only when each of its values is a plain string (README, Third-party scanners).
 */

/** Lines are kept to this many characters of expression (indentation and the attribute name come on top). */
const WIDTH = 100;
const OPEN: Readonly<Record<string, string>> = { "(": ")", "[": "]", "{": "}" };
const OPERATORS = [" && ", " || ", " ? ", " : "] as const;

/** Whether long strings may become `join("", [...])`: not inside a policy document. */
type Strings = "split" | "whole";

type Piece =
  | { readonly kind: "text"; readonly text: string }
  | { readonly kind: "group"; readonly open: string; readonly inner: string; readonly close: string };

/** The expression wrapped to fit, or unchanged when it already fits (or holds a heredoc). */
export function wrapExpression(original: string, depth = 1): string {
  if (fits(original, depth) || original.includes("<<")) return original;
  const strings: Strings = original.startsWith("jsonencode(") ? "whole" : "split";
  const expression = strings === "split" ? chunkLongLiterals(original) : original;
  // A newline at the top level would end the attribute: an operator chain there gets parentheses.
  if (splitOperators(expression).length > 1)
    return breakGroup({ kind: "group", open: "(", inner: expression, close: ")" }, depth, strings);
  return layout(expression, depth, strings);
}

function fits(text: string, depth: number): boolean {
  return !text.includes("\n") && depth * 2 + text.length <= WIDTH;
}

function layout(text: string, depth: number, strings: Strings): string {
  if (fits(text, depth)) return text;
  // One string (an ARN template, say) too long for its line: its parts, joined, one per line.
  if (strings === "split" && isOneString(text) && depth * 2 + text.length > LONG_STRING_LINE) {
    return layout(`join("", [${templateChunks(text.slice(1, -1)).join(", ")}])`, depth, strings);
  }
  let out = "";
  // What already stands on the current line counts against the group that follows it. Tracked per
  // piece: reading it from `out` (a rope of concatenations) flattened the whole text at every piece.
  let lead = 0;
  let previous = "";
  for (const piece of pieces(text)) {
    // The arguments of a jsonencode call nested in the expression (a list of policies) are a document
    // too; the name stands at the end of the text piece before the call's group.
    const inside = endsWithCallOf(previous, "jsonencode") ? "whole" : strings;
    const laid = piece.kind === "text" ? piece.text : breakGroup(piece, depth, inside, lead);
    const newline = laid.lastIndexOf("\n");
    lead = newline < 0 ? lead + laid.length : laid.length - newline - 1;
    out += laid;
    previous = laid;
  }
  return out;
}

function breakGroup(
  group: Extract<Piece, { kind: "group" }>,
  depth: number,
  strings: Strings,
  lead = 0,
): string {
  const inner = group.inner.trim();
  const inline = `${group.open}${inner}${group.close}`;
  if (inner.length === 0 || depth * 2 + lead + inline.length <= WIDTH) return inline;
  // A for-expression's ':' and 'if' are not operators to split at; in a tuple its groups may open.
  if (/^for\s/.test(inner)) return group.open === "[" ? `[${layout(inner, depth + 1, strings)}]` : inline;
  const pad = "  ".repeat(depth + 1);
  const closing = `\n${"  ".repeat(depth)}${group.close}`;
  const items = split(inner, [","]);
  const last = pieces(items[items.length - 1] ?? "");
  const leading = items.slice(0, -1).join(", ");
  // `join("", [...])`: short leading arguments stay on the line, the list that follows opens.
  if (items.length > 1 && leading.length <= 20 && last.length === 1 && last[0].kind === "group") {
    const opened = breakGroup(last[0], depth, strings, lead + leading.length + 3);
    return `${group.open}${leading}, ${opened}${group.close}`;
  }
  if (items.length > 1) {
    return `${group.open}\n${items.map((item) => pad + layout(item.trim(), depth + 1, strings)).join(",\n")}${closing}`;
  }
  const only = pieces(inner);
  // `f({...})`, `([...])`: the inner group hugs its parent's brackets.
  if (only.length === 1 && only[0].kind === "group")
    return `${group.open}${breakGroup(only[0], depth, strings)}${group.close}`;
  const operands = group.open === "(" ? splitOperators(inner) : [inner];
  return `${group.open}\n${operands.map((operand) => pad + layout(operand, depth + 1, strings)).join("\n")}${closing}`;
}

/** A literal string this long (regular expressions, mostly) becomes `join("", [...])` of short parts. */
const LONG_LITERAL = 90;
const CHUNK = 80;

function chunkLongLiterals(text: string): string {
  let out = "";
  let i = 0;
  while (i < text.length) {
    if (text[i] !== '"') {
      out += text[i];
      i += 1;
      continue;
    }
    const end = endOfQuoted(text, i + 1);
    const body = text.slice(i + 1, end - 1);
    const literal = !/(^|[^$])\$\{|(^|[^%])%\{/.test(body);
    out +=
      literal && body.length > LONG_LITERAL
        ? `join("", [${templateChunks(body).join(", ")}])`
        : text.slice(i, end);
    i = end;
  }
  return out;
}

/** A string this long on its line (with its indentation) is split into parts. */
const LONG_STRING_LINE = 120;

function isOneString(text: string): boolean {
  return text.startsWith('"') && endOfQuoted(text, 1) === text.length;
}

/**
 * Quoted parts of a string body: `${...}` sequences stay whole, escapes are never cut, and a part
 * ends after a ':' or '/' where one is near (an ARN splits into its segments).
 */
function templateChunks(body: string): string[] {
  const units = splitTemplate(body).flatMap((part) =>
    part.kind === "sequence" ? [part.text] : literalUnits(part.text),
  );
  const parts: string[] = [];
  let current: string[] = [];
  const length = (list: readonly string[]) => list.reduce((sum, unit) => sum + unit.length, 0);
  for (const unit of units) {
    if (current.length > 0 && length(current) + unit.length > CHUNK) {
      const boundary = Math.max(current.lastIndexOf(":"), current.lastIndexOf("/"));
      const cut = boundary >= current.length / 2 ? boundary + 1 : current.length;
      parts.push(`"${current.slice(0, cut).join("")}"`);
      current = current.slice(cut);
    }
    current.push(unit);
  }
  parts.push(`"${current.join("")}"`);
  return parts;
}

/** Literal text as indivisible units: one character, or a whole escape (`\"`, `\\`, `\u0041`, `$${`). */
function literalUnits(text: string): string[] {
  return text.match(/\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8}|\\.|\$\$\{|%%\{|[^]/gs) ?? [];
}

/** Operands of a top-level operator chain, each after the first starting with its operator. */
function splitOperators(text: string): string[] {
  return split(text, OPERATORS, true);
}

/**
 * Splits text at top-level separators (outside strings and brackets). With `keep`, each separator
 * (trimmed) starts the part after it; without, it is dropped.
 */
function split(text: string, separators: readonly string[], keep = false): string[] {
  const parts: string[] = [];
  // Only a character that starts some separator needs the comparisons (every character is visited).
  const firsts = new Set(separators.map((separator) => separator[0]));
  let start = 0;
  let i = 0;
  while (i < text.length) {
    const skip = skipAtom(text, i);
    if (skip !== i) {
      i = skip;
      continue;
    }
    const separator = firsts.has(text[i])
      ? separators.find((candidate) => text.startsWith(candidate, i))
      : undefined;
    if (separator) {
      parts.push(text.slice(start, i).trim());
      start = keep ? i + separator.indexOf(separator.trim()) : i + separator.length;
      i += separator.length;
      continue;
    }
    i += 1;
  }
  parts.push(text.slice(start).trim());
  return parts.filter((part) => part.length > 0);
}

/** Index past a string or bracket group starting at i; i itself when there is none. */
function skipAtom(text: string, i: number): number {
  if (text[i] === '"') return endOfQuoted(text, i + 1);
  if (isOpening(text[i])) return endOfGroup(text, i);
  return i;
}

/**
 * Does `text` end with the name of function `name` (not a longer identifier ending so)? Only the end
 * is read: a regular expression anchored with `$` scans all of it.
 */
function endsWithCallOf(text: string, name: string): boolean {
  return text.endsWith(name) && !/[A-Za-z0-9_]/.test(text.charAt(text.length - name.length - 1));
}

/** `char in OPEN`, without the property lookup: this runs for every character of every expression. */
const isOpening = (char: string | undefined): char is "(" | "[" | "{" =>
  char === "(" || char === "[" || char === "{";

function endOfGroup(text: string, start: number): number {
  const stack: string[] = [];
  let i = start;
  while (i < text.length) {
    const char = text[i];
    if (char === '"') {
      i = endOfQuoted(text, i + 1);
      continue;
    }
    if (isOpening(char)) stack.push(OPEN[char]);
    else if (char === stack[stack.length - 1]) {
      stack.pop();
      if (stack.length === 0) return i + 1;
    }
    i += 1;
  }
  throw new Error(`Unbalanced brackets in HCL expression: ${text.slice(start, start + 60)}...`);
}

/** Top-level text and bracket groups, in order. */
function pieces(text: string): Piece[] {
  const out: Piece[] = [];
  let textStart = 0;
  let i = 0;
  while (i < text.length) {
    if (text[i] === '"') {
      i = endOfQuoted(text, i + 1);
      continue;
    }
    if (isOpening(text[i])) {
      if (i > textStart) out.push({ kind: "text", text: text.slice(textStart, i) });
      const end = endOfGroup(text, i);
      out.push({ kind: "group", open: text[i], inner: text.slice(i + 1, end - 1), close: text[end - 1] });
      i = end;
      textStart = end;
      continue;
    }
    i += 1;
  }
  if (textStart < text.length) out.push({ kind: "text", text: text.slice(textStart) });
  return out;
}
