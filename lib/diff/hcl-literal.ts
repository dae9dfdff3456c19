import { isObject } from "./module-config";

/**
 * An HCL expression for a value of Terraform's JSON syntax. A JSON string is a template whose text
 * must be escaped in an HCL quoted string while its `${...}` and `%{...}` sequences (expressions,
 * which may hold quoted strings of their own) are kept as written; a string that is one `${...}`
 * keeps the value's type in both syntaxes.
 */
export function hclLiteral(value: unknown): string {
  if (typeof value === "string") return `"${templateText(value)}"`;
  if (Array.isArray(value)) return `[${value.map(hclLiteral).join(", ")}]`;
  if (isObject(value))
    return `{${Object.entries(value)
      .map(([key, item]) => `${JSON.stringify(key)} = ${hclLiteral(item)}`)
      .join(", ")}}`;
  return value === undefined ? "null" : JSON.stringify(value);
}

const ESCAPES: Readonly<Record<string, string>> = {
  "\\": "\\\\",
  '"': '\\"',
  "\n": "\\n",
  "\r": "\\r",
  "\t": "\\t",
};

function templateText(template: string): string {
  let text = "";
  let index = 0;
  while (index < template.length) {
    const two = template.slice(index, index + 3);
    if (two === "$${" || two === "%%{") {
      text += two;
      index += 3;
    } else if (two.startsWith("${") || two.startsWith("%{")) {
      const end = expressionEnd(template, index + 2);
      text += template.slice(index, end + 1);
      index = end + 1;
    } else {
      const char = template[index];
      text += ESCAPES[char] ?? (char < " " ? `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}` : char);
      index += 1;
    }
  }
  return text;
}

/** Index of the `}` closing an expression that starts at `start`, skipping nested braces and strings. */
function expressionEnd(text: string, start: number): number {
  let depth = 0;
  for (let index = start; index < text.length; index += 1) {
    const char = text[index];
    if (char === '"') index = stringEnd(text, index + 1);
    else if (char === "{") depth += 1;
    else if (char === "}") {
      if (depth === 0) return index;
      depth -= 1;
    }
  }
  throw new Error(`unterminated template sequence in ${JSON.stringify(text.slice(0, 80))}`);
}

/** Index of the `"` closing a quoted string whose text starts at `start` (templates nest). */
function stringEnd(text: string, start: number): number {
  for (let index = start; index < text.length; index += 1) {
    const char = text[index];
    if (char === "\\") index += 1;
    else if (char === '"') return index;
    else if ((char === "$" || char === "%") && text[index + 1] === "{") {
      if (text[index - 1] === char) continue;
      index = expressionEnd(text, index + 2);
    }
  }
  throw new Error(`unterminated string in ${JSON.stringify(text.slice(0, 80))}`);
}
