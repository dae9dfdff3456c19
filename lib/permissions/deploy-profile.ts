import { definePolicy, type ParamSpec, type PolicyDocument } from "../policy/model";
import { placeholdersOf } from "../hcl/template";
import { DEPLOY_PARAM_LONGEST } from "../naming/deploy-policies";
import { derive, type DeriveInput } from "./derive";

// The list lives in lib/naming so that the settings schema (lib/config) can read it too.
import { DEPLOY_PROFILE_IDS, type DeployProfileId } from "../naming/deploy-profiles";
export { DEPLOY_PROFILE_IDS, type DeployProfileId };

/** A set of resources someone deploys, whose deploy policy is derived from them. */
export interface DeployProfile {
  readonly id: DeployProfileId;
  /** One line: what a holder of the policy can deploy. */
  readonly description: string;
  readonly derive: DeriveInput;
}

/**
 * The profile's deploy policy as a document over the deploy-policies module's parameters. Derived
 * once per profile: a synth asks for each profile's document about fifteen times (modules, roles,
 * examples, docs), and the document is deep-frozen.
 */
export function deployPolicyDocument(profile: DeployProfile): PolicyDocument {
  let document = derivedDocuments.get(profile);
  if (!document) derivedDocuments.set(profile, (document = deriveDocument(profile)));
  return document;
}

const derivedDocuments = new WeakMap<DeployProfile, PolicyDocument>();

function deriveDocument(profile: DeployProfile): PolicyDocument {
  const statements = derive(profile.derive);
  return definePolicy({
    id: `deploy-${profile.id.replace(/_/g, "-")}`,
    description: profile.description,
    kind: "identity",
    params: paramsUsedBy(statements.flatMap(templatesOf)),
    statements,
  });
}

/** Every template string of a statement (resources and condition values). */
export function templatesOf(statement: PolicyDocument["statements"][number]): string[] {
  const values = Object.values(statement.conditions ?? {}).flatMap((entries) =>
    Object.values(entries).flatMap((value) => (typeof value === "string" ? [value] : [...value])),
  );
  return [...statement.resources, ...values];
}

/** Parameter specs (with worst-case values) of exactly the placeholders the templates use. */
export function paramsUsedBy(templates: readonly string[]): Record<string, ParamSpec> {
  const params: Record<string, ParamSpec> = {};
  for (const name of templates.flatMap(placeholdersOf)) {
    const longest = DEPLOY_PARAM_LONGEST[name];
    if (longest === undefined) throw new Error(`Deploy policies use an unknown parameter "${name}".`);
    params[name] = { type: typeof longest === "string" ? "string" : "list", longest };
  }
  return params;
}

/** The union of the given profiles' deploy policies, as one (possibly oversized) document. */
export function unionDocument(profiles: readonly DeployProfile[]): PolicyDocument {
  const documents = profiles.map(deployPolicyDocument);
  return definePolicy({
    id: "deploy-least-privileged",
    description: `Deploy ${profiles.map((profile) => profile.id).join(", ")}.`,
    kind: "identity",
    params: Object.assign({}, ...documents.map((document) => document.params)) as Record<string, ParamSpec>,
    statements: documents.flatMap((document) => document.statements),
  });
}
