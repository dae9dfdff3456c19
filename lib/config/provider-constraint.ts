/**
 * The hashicorp/aws versions deployable stacks accept. The bindings are generated for 6.x; every
 * attribute the stacks use exists in 5.100 too, and 5.100 is what the local proofs and many
 * filesystem mirrors hold, so both are accepted by default.
 */
export const DEFAULT_AWS_PROVIDER_VERSION = ">= 5.100, < 7.0";

const VERSION = String.raw`\d+(?:\.\d+){0,2}(?:-[0-9A-Za-z.-]+)?`;
const PART = String.raw`\s*(?:=|!=|>=|<=|>|<|~>)?\s*${VERSION}\s*`;

/** Terraform's version-constraint syntax: comma-separated `<op> <version>` parts. */
export const TERRAFORM_VERSION_CONSTRAINT = new RegExp(`^${PART}(?:,${PART})*$`);

/**
 * The same constraint as a semver range (for checking the versions a mirror holds): `,` is AND,
 * `~> X.Y` allows X.*, `~> X.Y.Z` allows X.Y.*, `!=` excludes one version.
 */
export function constraintAsSemverRange(constraint: string): string {
  return constraint
    .split(",")
    .map((part) => part.trim())
    .map((part) => {
      const [, operator = "=", version] = /^(=|!=|>=|<=|>|<|~>)?\s*(.+)$/.exec(part) ?? [];
      if (operator === "~>") return version.split(".").length >= 3 ? `~${version}` : `^${version}`;
      if (operator === "!=") return `<${version} || >${version}`;
      return `${operator}${version}`;
    })
    .join(" ");
}
