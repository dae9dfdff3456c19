import { renderHclString } from "../hcl/string-template";
import { isObject } from "./module-config";

/**
 * An HCL expression for a value of Terraform's JSON syntax. A JSON string is a template: its literal
 * text is escaped and its `${...}` and `%{...}` sequences kept (the packager's own string renderer);
 * a string that is one `${...}` is that expression, keeping the value's type in both syntaxes.
 */
export function hclLiteral(value: unknown): string {
  if (typeof value === "string") return renderHclString(value, false);
  if (Array.isArray(value)) return `[${value.map(hclLiteral).join(", ")}]`;
  if (isObject(value))
    return `{${Object.entries(value)
      .map(([key, item]) => `${JSON.stringify(key)} = ${hclLiteral(item)}`)
      .join(", ")}}`;
  return value === undefined ? "null" : JSON.stringify(value);
}
