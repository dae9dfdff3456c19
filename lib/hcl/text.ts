import { escapeHclLiteral } from "./template";

/** Wraps an HCL expression so cdktf passes it through untouched, into JSON and HCL alike. */
export function raw(expression: string): string {
  return "${" + expression + "}";
}

/** Literal text as an HCL quoted string (`${` and `%{` escaped, so nothing interpolates). */
export function quoted(text: string): string {
  return `"${escapeHclLiteral(text)}"`;
}
