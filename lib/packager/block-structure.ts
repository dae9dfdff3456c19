/**
 * Terraform JSON cannot tell a nested block (`rule { ... }`) from an object attribute (`tags = {...}`);
 * only the provider schema can. cdktf's own HCL rendering knows the schema, so we read which nested
 * names are blocks from it, e.g. `resource.aws_s3_bucket_lifecycle_configuration/rule/filter`, and render
 * every value ourselves from the JSON (cdktf's HCL mis-escapes quotes and appends newlines to heredocs).
 */
const DYNAMIC = "#dynamic";

export function blockPathsFromHcl(hcl: string): ReadonlySet<string> {
  const paths = new Set<string>();
  const scanner = new Scanner(hcl);
  const stack: string[] = [];
  for (;;) {
    scanner.skipBlank();
    if (scanner.done()) break;
    if (scanner.peek() === "}") {
      scanner.advance(1);
      stack.pop();
      continue;
    }
    const name = scanner.word();
    if (!name) throw new Error(`Unexpected HCL at offset ${scanner.offset()}: ${scanner.context()}`);
    scanner.skipSpaces();
    if (scanner.peek() === "=") {
      scanner.advance(1);
      scanner.skipExpression();
      continue;
    }
    const labels: string[] = [];
    while (scanner.peek() === '"') labels.push(scanner.quotedLabel());
    scanner.expect("{");
    const parent = stack.at(-1);
    let path: string;
    if (parent === undefined) path = labels.length > 1 ? `${name}.${labels[0]}` : name;
    else if (name === "dynamic") path = `${parent}/${labels[0]}${DYNAMIC}`;
    else if (name === "content" && parent.endsWith(DYNAMIC)) path = parent.slice(0, -DYNAMIC.length);
    else path = `${parent}/${name}`;
    if (parent !== undefined && !path.endsWith(DYNAMIC)) paths.add(path);
    stack.push(path);
  }
  return paths;
}

class Scanner {
  private i = 0;
  constructor(private readonly text: string) {}

  done(): boolean {
    return this.i >= this.text.length;
  }
  offset(): number {
    return this.i;
  }
  context(): string {
    return JSON.stringify(this.text.slice(this.i, this.i + 40));
  }
  peek(): string {
    return this.text[this.i] ?? "";
  }
  advance(count: number): void {
    this.i += count;
  }
  skipBlank(): void {
    while (/[\s,]/.test(this.peek()) && !this.done()) this.i += 1;
  }
  skipSpaces(): void {
    while (this.peek() === " " || this.peek() === "\t") this.i += 1;
  }
  word(): string {
    const match = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(this.text.slice(this.i, this.i + 200));
    if (!match) return "";
    this.i += match[0].length;
    return match[0];
  }
  quotedLabel(): string {
    const start = this.i + 1;
    this.skipQuoted();
    const label = this.text.slice(start, this.i - 1);
    this.skipSpaces();
    return label;
  }
  expect(char: string): void {
    if (this.peek() !== char) throw new Error(`Expected "${char}" in HCL at ${this.context()}`);
    this.i += 1;
  }

  /** Skips an attribute's expression: up to the newline at bracket depth 0. */
  skipExpression(): void {
    let depth = 0;
    while (!this.done()) {
      const char = this.peek();
      if (char === "\n" && depth === 0) return;
      if (char === '"') {
        this.skipQuoted();
        continue;
      }
      if (this.text.startsWith("<<", this.i)) {
        this.skipHeredoc();
        continue;
      }
      if ("{[(".includes(char)) depth += 1;
      if ("}])".includes(char)) depth -= 1;
      this.i += 1;
    }
  }

  private skipQuoted(): void {
    this.i += 1;
    while (!this.done()) {
      const char = this.peek();
      if (char === "\\") this.i += 2;
      else if (char === '"') {
        this.i += 1;
        return;
      } else if (this.text.startsWith("${", this.i) || this.text.startsWith("%{", this.i)) {
        this.i += 2;
        this.skipTemplateBody();
      } else this.i += 1;
    }
  }

  private skipTemplateBody(): void {
    let depth = 1;
    while (!this.done() && depth > 0) {
      const char = this.peek();
      if (char === '"') {
        this.skipQuoted();
        continue;
      }
      if (char === "{") depth += 1;
      if (char === "}") depth -= 1;
      this.i += 1;
    }
  }

  /** `<<EOF` / `<<-EOF` up to the line that is only the marker; its lines may start with `}`. */
  private skipHeredoc(): void {
    const match = /^<<-?([A-Za-z_][A-Za-z0-9_]*)\r?\n/.exec(this.text.slice(this.i, this.i + 100));
    if (!match) {
      this.i += 2;
      return;
    }
    this.i += match[0].length;
    const marker = match[1];
    while (!this.done()) {
      const lineEnd = this.text.indexOf("\n", this.i);
      const end = lineEnd === -1 ? this.text.length : lineEnd;
      const line = this.text.slice(this.i, end);
      this.i = end;
      if (line.trim() === marker) return;
      this.i += 1;
    }
  }
}
