import { endOfQuoted } from "./string-template";

/**
 * Lays a long HCL expression out over several lines so a reviewer can read (and diff) it: a bracket
 * group that does not fit is opened, one item per line, recursively; a parenthesised chain of
 * `&&`, `||`, `?` and `:` gets one operand per line. Newlines go only where HCL ignores them (inside
 * `(...)` and `[...]`, between the items of `{...}`), so the expression means exactly the same;
 * `terraform fmt` (hcl-tools) then indents the lines. Text that cannot be split (one long string
 * literal) stays as it is.
 */

/** Lines are kept to this many characters of expression (indentation and the attribute name come on top). */
const WIDTH = 100;
const OPEN: Readonly<Record<string, string>> = { "(": ")", "[": "]", "{": "}" };
const OPERATORS = [" && ", " || ", " ? ", " : "] as const;

type Piece =
  | { readonly kind: "text"; readonly text: string }
  | { readonly kind: "group"; readonly open: string; readonly inner: string; readonly close: string };

/** The expression wrapped to fit, or unchanged when it already fits (or holds a heredoc). */
export function wrapExpression(original: string, depth = 1): string {
  if (fits(original, depth) || original.includes("<<")) return original;
  const expression = chunkLongLiterals(original);
  // A newline at the top level would end the attribute: an operator chain there gets parentheses.
  if (splitOperators(expression).length > 1)
    return breakGroup({ kind: "group", open: "(", inner: expression, close: ")" }, depth);
  return layout(expression, depth);
}

function fits(text: string, depth: number): boolean {
  return !text.includes("\n") && depth * 2 + text.length <= WIDTH;
}

function layout(text: string, depth: number): string {
  if (fits(text, depth)) return text;
  let out = "";
  for (const piece of pieces(text)) {
    // What already stands on this line counts against the group that follows it.
    const lead = out.length - out.lastIndexOf("\n") - 1;
    out += piece.kind === "text" ? piece.text : breakGroup(piece, depth, lead);
  }
  return out;
}

function breakGroup(group: Extract<Piece, { kind: "group" }>, depth: number, lead = 0): string {
  const inner = group.inner.trim();
  const inline = `${group.open}${inner}${group.close}`;
  if (inner.length === 0 || depth * 2 + lead + inline.length <= WIDTH) return inline;
  // A for-expression's ':' and 'if' are not operators to split at; in a tuple its groups may open.
  if (/^for\s/.test(inner)) return group.open === "[" ? `[${layout(inner, depth + 1)}]` : inline;
  const pad = "  ".repeat(depth + 1);
  const closing = `\n${"  ".repeat(depth)}${group.close}`;
  const items = split(inner, [","]);
  if (items.length > 1) {
    return `${group.open}\n${items.map((item) => pad + layout(item.trim(), depth + 1)).join(",\n")}${closing}`;
  }
  const only = pieces(inner);
  // `f({...})`, `([...])`: the inner group hugs its parent's brackets.
  if (only.length === 1 && only[0].kind === "group")
    return `${group.open}${breakGroup(only[0], depth)}${group.close}`;
  const operands = group.open === "(" ? splitOperators(inner) : [inner];
  return `${group.open}\n${operands.map((operand) => pad + layout(operand, depth + 1)).join("\n")}${closing}`;
}

/** A literal string this long (regular expressions, mostly) becomes `join("", [...])` of short parts. */
const LONG_LITERAL = 90;
const CHUNK = 60;

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
      literal && body.length > LONG_LITERAL ? `join("", [${chunks(body).join(", ")}])` : text.slice(i, end);
    i = end;
  }
  return out;
}

/** Quoted parts of a string body, never cutting an escape (`\"`, `\\`, `\u0041`) or `$${`. */
function chunks(body: string): string[] {
  const parts: string[] = [];
  let current = "";
  for (let i = 0; i < body.length;) {
    const escape = /^(\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8}|\\.|\$\$\{|%%\{)/.exec(body.slice(i));
    const unit = escape ? escape[0] : body[i];
    if (current.length + unit.length > CHUNK) {
      parts.push(`"${current}"`);
      current = "";
    }
    current += unit;
    i += unit.length;
  }
  parts.push(`"${current}"`);
  return parts;
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
  let start = 0;
  let i = 0;
  while (i < text.length) {
    const skip = skipAtom(text, i);
    if (skip !== i) {
      i = skip;
      continue;
    }
    const separator = separators.find((candidate) => text.startsWith(candidate, i));
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
  if (text[i] in OPEN) return endOfGroup(text, i);
  return i;
}

function endOfGroup(text: string, start: number): number {
  const stack: string[] = [];
  let i = start;
  while (i < text.length) {
    const char = text[i];
    if (char === '"') {
      i = endOfQuoted(text, i + 1);
      continue;
    }
    if (char in OPEN) stack.push(OPEN[char]);
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
    if (text[i] in OPEN) {
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
