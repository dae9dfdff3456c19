/**
 * Policy values are templates: literal text with `{param}` placeholders. The same template renders
 * concretely (placeholders filled with values) and inside modules (placeholders become `${var.x}`),
 * so a module and the JSON we prove by simulation can never say different things.
 */
const PLACEHOLDER = /\{([a-z][a-z0-9_]*)\}/g;

/** The placeholder for a parameter, for use inside a template: `arn:aws:s3:::${param("bucket_name")}`. */
export function param(name: string): string {
  return `{${name}}`;
}

/** Names of the parameters a template uses, in order of first use. */
export function placeholdersOf(template: string): string[] {
  const names: string[] = [];
  for (const match of template.matchAll(PLACEHOLDER)) {
    if (!names.includes(match[1])) names.push(match[1]);
  }
  return names;
}

/** The parameter name when the whole template is one placeholder (used for list parameters). */
export function wholeParam(template: string): string | undefined {
  const match = /^\{([a-z][a-z0-9_]*)\}$/.exec(template);
  return match ? match[1] : undefined;
}

/** Fills every placeholder; a missing value is a programming error, so it throws naming it. */
export function fillTemplate(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(PLACEHOLDER, (_whole, name: string) => {
    const value = values[name];
    if (value === undefined) {
      throw new Error(`Template "${template}" needs a value for parameter "${name}", and none was given.`);
    }
    return value;
  });
}

/** Escapes literal text for an HCL quoted string, where `${` and `%{` would start a template. */
export function escapeHclLiteral(text: string): string {
  return (
    text
      .replace(/\\/g, "\\\\")
      .replace(/"/g, '\\"')
      .replace(/\n/g, "\\n")
      // Replacer functions: in a replacement string "$$" would collapse to a single "$".
      .replace(/\$\{/g, () => "$${")
      .replace(/%\{/g, () => "%%{")
  );
}

/** Renders a template as an HCL quoted string whose placeholders interpolate the given expressions. */
export function templateToHcl(template: string, expressions: Readonly<Record<string, string>>): string {
  let out = "";
  let last = 0;
  for (const match of template.matchAll(PLACEHOLDER)) {
    const expression = expressions[match[1]];
    if (expression === undefined) {
      throw new Error(`Template "${template}" needs an expression for parameter "${match[1]}".`);
    }
    out += escapeHclLiteral(template.slice(last, match.index)) + "${" + expression + "}";
    last = (match.index ?? 0) + match[0].length;
  }
  return `"${out}${escapeHclLiteral(template.slice(last))}"`;
}
