/**
 * A best-effort reader for the HCL expressions this project renders policies as
 * (`jsonencode({...})` with `concat(...)`, `cond ? [..] : []`, and `${var.x}` templates; see
 * lib/policy/render-terraform.ts). It turns literals into data and everything it cannot evaluate
 * into an `UnknownValue` holding the source text, so rules can inspect what is known and say
 * plainly what is not. Both branches of a conditional list are kept: a rule must hold for every
 * configuration a module can be given.
 */
export class UnknownValue {
  constructor(readonly text: string) {}
}

export type HclValue =
  | string
  | number
  | boolean
  | null
  | UnknownValue
  | readonly HclValue[]
  | { readonly [key: string]: HclValue };

type Token =
  | { kind: "string"; value: string; start: number; end: number }
  | { kind: "number"; value: number; start: number; end: number }
  | { kind: "ident"; value: string; start: number; end: number }
  | { kind: "punct"; value: string; start: number; end: number };

const PUNCTUATION = [
  "==",
  "!=",
  "<=",
  ">=",
  "&&",
  "||",
  "=>",
  "...",
  "{",
  "}",
  "[",
  "]",
  "(",
  ")",
  ",",
  "=",
  ":",
  "?",
  ".",
  "!",
  "<",
  ">",
  "+",
  "-",
  "*",
  "/",
  "%",
];

class HclSyntaxError extends Error {}

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const ch = source[i];
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === '"') {
      const end = scanString(source, i);
      tokens.push({ kind: "string", value: unescape(source.slice(i + 1, end - 1)), start: i, end });
      i = end;
    } else if (/[0-9]/.test(ch)) {
      const match = /^[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(source.slice(i));
      const text = match ? match[0] : ch;
      tokens.push({ kind: "number", value: Number(text), start: i, end: i + text.length });
      i += text.length;
    } else if (/[A-Za-z_]/.test(ch)) {
      const text = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(source.slice(i))?.[0] ?? ch;
      tokens.push({ kind: "ident", value: text, start: i, end: i + text.length });
      i += text.length;
    } else {
      const punct = PUNCTUATION.find((p) => source.startsWith(p, i));
      if (!punct) throw new HclSyntaxError(`unexpected character ${JSON.stringify(ch)} at ${i}`);
      tokens.push({ kind: "punct", value: punct, start: i, end: i + punct.length });
      i += punct.length;
    }
  }
  return tokens;
}

/** End index (exclusive) of the quoted string starting at `start`, skipping `${...}` with nested strings. */
function scanString(source: string, start: number): number {
  let i = start + 1;
  while (i < source.length) {
    const ch = source[i];
    if (ch === "\\") i += 2;
    else if (ch === '"') return i + 1;
    else if ((ch === "$" || ch === "%") && source[i + 1] === "{" && source[i - 1] !== ch) {
      i = scanInterpolation(source, i + 2);
    } else i++;
  }
  throw new HclSyntaxError(`unterminated string at ${start}`);
}

function scanInterpolation(source: string, start: number): number {
  let depth = 1;
  let i = start;
  while (i < source.length && depth > 0) {
    const ch = source[i];
    if (ch === '"') {
      i = scanString(source, i);
      continue;
    }
    if (ch === "{") depth++;
    if (ch === "}") depth--;
    i++;
  }
  if (depth > 0) throw new HclSyntaxError(`unterminated interpolation at ${start}`);
  return i;
}

function unescape(text: string): string {
  return text.replace(/\\(["\\nrt])/g, (_whole, ch: string) =>
    ch === "n" ? "\n" : ch === "r" ? "\r" : ch === "t" ? "\t" : ch,
  );
}

class Parser {
  private position = 0;
  constructor(
    private readonly source: string,
    private readonly tokens: Token[],
  ) {}

  parseAll(): HclValue {
    const value = this.expression();
    if (this.position < this.tokens.length) throw new HclSyntaxError("trailing input");
    return value;
  }

  private peek(offset = 0): Token | undefined {
    return this.tokens[this.position + offset];
  }

  private isPunct(value: string, offset = 0): boolean {
    const token = this.peek(offset);
    return token?.kind === "punct" && token.value === value;
  }

  private expect(value: string): void {
    if (!this.isPunct(value)) throw new HclSyntaxError(`expected ${value}`);
    this.position++;
  }

  private textFrom(startToken: number): string {
    const first = this.tokens[startToken];
    const last = this.tokens[this.position - 1];
    return first && last ? this.source.slice(first.start, last.end) : "";
  }

  private expression(): HclValue {
    const start = this.position;
    const condition = this.binary(0);
    if (!this.isPunct("?")) return condition;
    this.position++;
    const whenTrue = this.expression();
    this.expect(":");
    const whenFalse = this.expression();
    // Lists from both branches are kept (every configuration must be safe); anything else is unknown.
    if (Array.isArray(whenTrue) && Array.isArray(whenFalse)) return [...whenTrue, ...whenFalse];
    return new UnknownValue(this.textFrom(start));
  }

  private static readonly LEVELS = [
    ["||"],
    ["&&"],
    ["==", "!="],
    ["<", ">", "<=", ">="],
    ["+", "-"],
    ["*", "/", "%"],
  ];

  private binary(level: number): HclValue {
    if (level >= Parser.LEVELS.length) return this.unary();
    const start = this.position;
    let left = this.binary(level + 1);
    while (Parser.LEVELS[level].some((op) => this.isPunct(op))) {
      this.position++;
      this.binary(level + 1);
      left = new UnknownValue(this.textFrom(start));
    }
    return left;
  }

  private unary(): HclValue {
    if (this.isPunct("!") || this.isPunct("-")) {
      const start = this.position;
      this.position++;
      this.unary();
      return new UnknownValue(this.textFrom(start));
    }
    return this.postfix();
  }

  private postfix(): HclValue {
    const start = this.position;
    let value = this.primary();
    for (;;) {
      if (
        this.isPunct(".") &&
        (this.peek(1)?.kind === "ident" || this.isPunct("*", 1) || this.peek(1)?.kind === "number")
      ) {
        this.position += 2;
      } else if (this.isPunct("[")) {
        this.position++;
        if (this.isPunct("*")) this.position++;
        else this.expression();
        this.expect("]");
      } else break;
      value = new UnknownValue(this.textFrom(start));
    }
    return value;
  }

  private primary(): HclValue {
    const token = this.peek();
    if (!token) throw new HclSyntaxError("unexpected end");
    const start = this.position;
    if (token.kind === "string") {
      this.position++;
      return token.value;
    }
    if (token.kind === "number") {
      this.position++;
      return token.value;
    }
    if (token.kind === "ident") {
      this.position++;
      if (token.value === "true" || token.value === "false") return token.value === "true";
      if (token.value === "null") return null;
      if (this.isPunct("(")) return this.call(token.value, start);
      return new UnknownValue(token.value);
    }
    if (token.value === "(") {
      this.position++;
      const inner = this.expression();
      this.expect(")");
      return inner;
    }
    if (token.value === "[") return this.tuple(start);
    if (token.value === "{") return this.object(start);
    throw new HclSyntaxError(`unexpected ${token.value}`);
  }

  private call(name: string, start: number): HclValue {
    this.expect("(");
    const args: HclValue[] = [];
    while (!this.isPunct(")")) {
      args.push(this.expression());
      if (this.isPunct("...")) this.position++;
      if (this.isPunct(",")) this.position++;
      else if (!this.isPunct(")")) throw new HclSyntaxError("expected , or )");
    }
    this.position++;
    if (name === "jsonencode" && args.length === 1) return args[0];
    if (name === "concat" && args.every(Array.isArray)) return args.flatMap((arg) => arg as HclValue[]);
    if (name === "flatten" && args.length === 1 && Array.isArray(args[0])) {
      return (args[0] as HclValue[]).flatMap((item) => (Array.isArray(item) ? item : [item]));
    }
    return new UnknownValue(this.textFrom(start));
  }

  /** A `for` expression cannot be evaluated here: skip to its closing bracket. */
  private skipFor(start: number, close: string): HclValue {
    let depth = 0;
    while (this.position < this.tokens.length) {
      const token = this.tokens[this.position++];
      if (token.kind !== "punct") continue;
      if (token.value === "[" || token.value === "{" || token.value === "(") depth++;
      if (token.value === "]" || token.value === "}" || token.value === ")") {
        if (depth === 0 && token.value === close) return new UnknownValue(this.textFrom(start));
        depth--;
      }
    }
    throw new HclSyntaxError("unterminated for expression");
  }

  private tuple(start: number): HclValue {
    this.expect("[");
    if (this.peek()?.kind === "ident" && this.peek()?.value === "for") return this.skipFor(start, "]");
    const items: HclValue[] = [];
    while (!this.isPunct("]")) {
      items.push(this.expression());
      if (this.isPunct(",")) this.position++;
      else if (!this.isPunct("]")) throw new HclSyntaxError("expected , or ]");
    }
    this.position++;
    return items;
  }

  private object(start: number): HclValue {
    this.expect("{");
    if (this.peek()?.kind === "ident" && this.peek()?.value === "for") return this.skipFor(start, "}");
    const entries: Record<string, HclValue> = {};
    let known = true;
    while (!this.isPunct("}")) {
      const key = this.peek();
      let name: string | undefined;
      if (key?.kind === "string" && !key.value.includes("${")) name = key.value;
      else if (key?.kind === "ident") name = key.value;
      if (name !== undefined && (this.isPunct("=", 1) || this.isPunct(":", 1))) {
        this.position += 2;
      } else {
        this.expression();
        known = false;
        if (!this.isPunct("=") && !this.isPunct(":")) throw new HclSyntaxError("expected = in object");
        this.position++;
      }
      const value = this.expression();
      if (name !== undefined) entries[name] = value;
      if (this.isPunct(",")) this.position++;
    }
    this.position++;
    return known ? entries : new UnknownValue(this.textFrom(start));
  }
}

/** Parses one HCL expression; throws (with a short reason) when the text is not one. */
export function parseHclExpression(source: string): HclValue {
  return new Parser(source, tokenize(source)).parseAll();
}

/**
 * The expression inside a string that is exactly one interpolation, `${...}`; undefined when the
 * string is a literal or mixes text with interpolations.
 */
export function wholeInterpolation(value: string): string | undefined {
  if (!value.startsWith("${")) return undefined;
  try {
    return scanInterpolation(value, 2) === value.length ? value.slice(2, -1) : undefined;
  } catch {
    return undefined;
  }
}

export { HclSyntaxError };
