/**
 * The one place IAM-style patterns are matched: `*` and `?` wildcards (actions, condition keys,
 * globs) and iam-data ARN formats. IAM compares action names case-insensitively, ARNs exactly.
 */

const escapeRegex = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * Each pattern's regular expression, built once per process: a synth matches the same few hundred
 * patterns hundreds of thousands of times (policy checks, derivation), and building them was most
 * of its matching time. Without the `g` flag `test` keeps no state, so sharing one is safe. Bounded:
 * with thousands of environments the patterns hold account ids, so the map starts over when full.
 */
const compiled = new Map<string, Map<string, RegExp>>();
const MAX_COMPILED = 20_000;

function cachedRegex(kind: string, pattern: string, build: () => RegExp): RegExp {
  let ofKind = compiled.get(kind);
  if (!ofKind) {
    ofKind = new Map();
    compiled.set(kind, ofKind);
  }
  let regex = ofKind.get(pattern);
  if (!regex) {
    regex = build();
    if (ofKind.size >= MAX_COMPILED) ofKind.clear();
    ofKind.set(pattern, regex);
  }
  return regex;
}

/** Does an IAM wildcard pattern (`*` any run, `?` one character) match the text? */
export function wildcardMatches(
  pattern: string,
  text: string,
  options: { ignoreCase?: boolean } = {},
): boolean {
  const flags = options.ignoreCase ? "i" : "";
  return cachedRegex(`wildcard/${flags}`, pattern, () => {
    const source = pattern
      .split(/([*?])/)
      .map((part) => (part === "*" ? ".*" : part === "?" ? "." : escapeRegex(part)))
      .join("");
    return new RegExp(`^${source}$`, flags);
  }).test(text);
}

/** Does an IAM action pattern (`iam:Attach*`, `*`) match an action? Case-insensitive, like IAM. */
export function actionMatches(pattern: string, action: string): boolean {
  return wildcardMatches(pattern, action, { ignoreCase: true });
}

/**
 * Does a condition key fit a catalogue key, whose variables (`kms:EncryptionContext:${Key}`,
 * `s3:RequestObjectTag/<key>`) stand for any text? Case-insensitive, like IAM.
 */
export function conditionKeyMatches(key: string, catalogueKey: string): boolean {
  return cachedRegex("condition-key", catalogueKey, () => {
    const source = catalogueKey
      .split(/(\$\{[^}]+\}|<[^>]+>)/)
      .map((part) => (/^(\$\{[^}]+\}|<[^>]+>)$/.test(part) ? ".+" : escapeRegex(part)))
      .join("");
    return new RegExp(`^${source}$`, "i");
  }).test(key);
}

/**
 * Does a concrete ARN (possibly with `*` wildcards) fit an iam-data ARN format? `${Partition}` is an
 * AWS partition; a placeholder matches one ARN segment (no ':' or '/'), except the format's last
 * placeholder when AWS lets that resource id contain '/' (an object key or path: `${ObjectName}`,
 * `${RoleNameWithPath}`), and an id in the `resource-type:id` form, which runs to the next ':'
 * (`log-group:${LogGroupName}` holds `/env/ecs-x`, also inside a log-stream ARN). After
 * `resource-type/` a '/' starts a sub-resource, so a bucket ARN never passes for an object ARN,
 * nor a table index for a table.
 */
export function arnMatches(arn: string, format: string): boolean {
  return cachedRegex("arn", format, () => arnFormatRegex(format)).test(arn);
}

function arnFormatRegex(format: string): RegExp {
  const parts = format.split(/(\$\{[A-Za-z0-9]+\})/);
  const isLast = (index: number) => index === parts.length - 2 && parts[parts.length - 1] === "";
  // `<type>:${Id}` ending the ARN or followed by ':' (log-group:${LogGroupName}:log-stream:...).
  const isTypedId = (index: number) =>
    /:[A-Za-z][A-Za-z0-9-]*:$/.test(parts[index - 1]) && /^(:|$)/.test(parts[index + 1] ?? "");
  let pattern = "";
  parts.forEach((part, index) => {
    if (!/^\$\{[A-Za-z0-9]+\}$/.test(part)) {
      pattern += escapeRegex(part);
      return;
    }
    if (part === "${Partition}") pattern += "aws(-[a-z]+)*";
    else if (isLast(index) && /^\$\{(ObjectName|\w*Path)\}$/.test(part)) pattern += ".+";
    else if (isTypedId(index)) pattern += "[^:]+";
    else pattern += "[^:/]+";
  });
  return new RegExp(`^${pattern}$`);
}
