import { actionsOfService } from "../iam/catalogue";
import { actionMatches } from "../iam/match";
import type { PolicyDocument } from "../policy/model";
import { policySize, renderConcrete } from "../policy/render-concrete";
import { CATALOGUE, PROVIDER_ACTIONS } from "./catalogue";
import { deployPolicyDocument, type DeployProfileId } from "./deploy-profile";
import { DEPLOY_PROFILES } from "./profiles";
import { longestValues } from "../policy/model";

/**
 * The hand-written seed policies our derived ones replace, embedded (so docs are deterministic
 * without the fixture folder); test/permissions/seed-comparison.test.ts keeps them equal to
 * the vendored copies in test/fixtures/seed-policies.
 */
export interface SeedPolicy {
  readonly profile: DeployProfileId;
  readonly seed: string;
  readonly files: readonly string[];
  /** Every action the seed grants, in the seed's order, each once. */
  readonly actions: readonly string[];
  /** Every Resource entry of the seed. */
  readonly resources: readonly string[];
  /** Non-whitespace characters of the seed's JSON. */
  readonly size: number;
}

export const SEED_POLICIES: readonly SeedPolicy[] = [
  {
    profile: "ecs_compute",
    seed: "004",
    files: ["seed004-orchestra-ecs-compute.json"],
    // prettier-ignore
    actions: ["ecs:ListClusters", "ecs:ListTaskDefinitions", "ecs:DescribeTaskDefinition", "ecs:ListTasks", "ecs:CreateCluster", "ecs:RegisterTaskDefinition", "ecs:DeregisterTaskDefinition", "ecs:DescribeClusters", "ecs:UpdateCluster", "ecs:DeleteCluster", "ecs:TagResource", "ecs:UntagResource", "ecs:ListTagsForResource", "ecs:DescribeTasks", "ecs:RunTask", "ecs:StopTask", "iam:ListPolicies", "iam:ListRoles", "iam:CreateRole", "iam:GetRole", "iam:GetRolePolicy", "iam:ListRolePolicies", "iam:ListAttachedRolePolicies", "iam:ListInstanceProfilesForRole", "iam:UpdateRole", "iam:UpdateRoleDescription", "iam:DeleteRole", "iam:TagRole", "iam:UntagRole", "iam:ListRoleTags", "iam:PassRole", "iam:PutRolePolicy", "iam:DeleteRolePolicy", "iam:AttachRolePolicy", "iam:DetachRolePolicy", "iam:CreatePolicy", "iam:GetPolicy", "iam:GetPolicyVersion", "iam:ListPolicyVersions", "iam:DeletePolicy", "iam:TagPolicy", "iam:UntagPolicy", "iam:ListPolicyTags", "s3:ListAllMyBuckets", "s3:CreateBucket", "s3:Get*Configuration", "s3:GetBucket*", "s3:PutBucket*", "s3:DeleteBucket", "s3:DeleteBucketPolicy", "s3:ListBucket", "s3:ListBucketVersions", "s3:*Lifecycle*", "s3:GetObject", "s3:GetObjectVersion", "s3:PutObject", "s3:PutObjectAcl", "s3:DeleteObject", "s3:DeleteObjectVersion", "s3:GetObjectAcl", "s3:PutObjectTagging", "s3:GetObjectTagging", "s3:DeleteObjectTagging", "kms:CreateKey", "kms:ListKeys", "kms:ListAliases", "kms:DescribeKey", "kms:GetKeyPolicy", "kms:ListKeyPolicies", "kms:PutKeyPolicy", "kms:UpdateKeyDescription", "kms:EnableKeyRotation", "kms:DisableKeyRotation", "kms:GetKeyRotationStatus", "kms:ScheduleKeyDeletion", "kms:CancelKeyDeletion", "kms:TagResource", "kms:UntagResource", "kms:ListResourceTags", "kms:CreateAlias", "kms:DeleteAlias", "kms:UpdateAlias", "logs:DescribeLogGroups", "logs:ListTagsForResource", "logs:CreateLogGroup", "logs:PutRetentionPolicy", "logs:DeleteRetentionPolicy", "logs:DeleteLogGroup", "logs:TagLogGroup", "logs:UntagLogGroup", "logs:TagResource", "logs:UntagResource", "logs:GetLogEvents", "logs:PutLogEvents", "sts:GetCallerIdentity", "ec2:DescribeSecurityGroups", "ec2:DescribeSubnets", "ec2:DescribeVpcs", "ec2:DescribeNetworkInterfaces"],
    // prettier-ignore
    resources: ["*", "arn:aws:ecs:*:*:cluster/*-orchestra-compute-cluster-*", "arn:aws:ecs:*:*:task-definition/*dbt_core*:*", "arn:aws:ecs:*:*:task-definition/*python*:*", "arn:aws:ecs:*:*:task/*-orchestra-compute-cluster-*/*", "arn:aws:iam::*:role/*-orchestra-ecs-execution-role-*", "arn:aws:iam::*:role/*-orchestra-task-*-*", "arn:aws:iam::*:role/*-orchestra-compute-*", "arn:aws:iam::*:policy/*-orchestra-ecs-execution-role-*-policy", "arn:aws:iam::*:policy/*-orchestra-task-*-*-policy", "arn:aws:iam::*:policy/*-orchestra-compute-*-policy", "arn:aws:iam::*:policy/*-orchestra-ecs-get-secrets-*", "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy", "arn:aws:s3:::*-orchestra-secrets-*", "arn:aws:s3:::*-orchestra-artifacts-*", "arn:aws:s3:::*-orchestra-secrets-*/*", "arn:aws:s3:::*-orchestra-artifacts-*/*", "arn:aws:kms:*:*:key/*", "arn:aws:kms:*:*:alias/*_integration_*_*", "arn:aws:logs:*:*:log-group:/*-orchestra/ecs-*", "arn:aws:logs:*:*:log-group:/*-orchestra/ecs-*:*"],
    size: 4265,
  },
  {
    profile: "aurora_cluster",
    seed: "000",
    files: ["seed000-rds-aurora-statement.json", "seed000-kms-statement.json"],
    // prettier-ignore
    actions: ["rds:CreateDBCluster", "rds:DeleteDBCluster", "rds:DescribeDBClusters", "rds:ModifyDBCluster", "kms:DescribeKey", "kms:GenerateDataKey", "kms:Decrypt", "kms:Encrypt"],
    // prettier-ignore
    resources: ["arn:aws:rds:your-region:your-account-id:cluster:aurora-cluster", "arn:aws:kms:your-region:your-account-id:key/key-id"],
    size: 357,
  },
];

/** Why a seed action is not in the derived policy. */
const DROP_REASONS: ReadonlyArray<[RegExp, string]> = [
  [
    /^(ecs:List(Clusters|TaskDefinitions|Tasks)|iam:List(Policies|Roles)|s3:ListAllMyBuckets|kms:ListKeys)$/,
    "account-wide listing: the provider reads each resource by its name or id",
  ],
  [
    /^(ecs:(DescribeTasks|RunTask|StopTask)|logs:(GetLogEvents|PutLogEvents)|s3:.*Object.*|kms:(GenerateDataKey|Decrypt|Encrypt))$/,
    "runtime use by the workload, not deployment",
  ],
  [
    /^iam:(GetRolePolicy|PutRolePolicy|DeleteRolePolicy)$/,
    "the roles get managed policies (attached), never inline ones",
  ],
  [/^iam:ListRoleTags$/, "the provider reads role tags from iam:GetRole"],
  [/^s3:ListBucketVersions$/, "only force_destroy lists versions, and the buckets keep force_destroy off"],
  [/^kms:ListKeyPolicies$/, "the provider reads the key policy with kms:GetKeyPolicy"],
  [/^kms:CancelKeyDeletion$/, "the provider never cancels a scheduled deletion"],
  [/^logs:(TagLogGroup|UntagLogGroup)$/, "deprecated: the provider tags with logs:TagResource/UntagResource"],
  [/^ec2:Describe/, "no VPC data source: network ids are inputs"],
];

export interface SeedComparison {
  readonly seed: SeedPolicy;
  readonly both: string[];
  readonly dropped: Array<{ action: string; why: string }>;
  readonly added: Array<{ action: string; why: string }>;
  /** Seed action wildcards and the exact actions we grant in their place. */
  readonly actionWildcards: Array<{ pattern: string; matches: number; granted: string[] }>;
  /** Seed resources with wildcard account, region or `*`. */
  readonly resourceWildcards: string[];
  readonly derivedSize: number;
  readonly derivedStatements: number;
  readonly derivedWildcardResources: Array<{ actions: string[] }>;
}

/** Compares a seed policy with the derived policy of its profile, from data only. */
export function compareWithSeed(seed: SeedPolicy): SeedComparison {
  const document: PolicyDocument = deployPolicyDocument(DEPLOY_PROFILES[seed.profile]);
  const derived = [...new Set(document.statements.flatMap((statement) => statement.actions))].sort();
  const exactSeed = seed.actions.filter((action) => !action.includes("*"));
  const wildcards = seed.actions.filter((action) => action.includes("*"));
  const coveredBySeed = (action: string) =>
    exactSeed.includes(action) || wildcards.some((pattern) => actionMatches(pattern, action));
  const both = derived.filter(coveredBySeed);
  const dropped = exactSeed
    .filter((action) => !derived.includes(action))
    .sort()
    .map((action) => ({ action, why: dropReason(action) }));
  const added = derived
    .filter((action) => !coveredBySeed(action))
    .map((action) => ({ action, why: addReason(action) }));
  const actionWildcards = wildcards.map((pattern) => {
    const service = pattern.split(":")[0];
    const matches = actionsOfService(service).filter((name) =>
      actionMatches(pattern, `${service}:${name}`),
    ).length;
    return { pattern, matches, granted: derived.filter((action) => actionMatches(pattern, action)) };
  });
  const resourceWildcards = seed.resources.filter(
    (arn) => arn === "*" || /^arn:aws:[a-z0-9-]+:\*:\*:/.test(arn) || /^arn:aws:iam::\*:/.test(arn),
  );
  return {
    seed,
    both,
    dropped,
    added,
    actionWildcards,
    resourceWildcards,
    derivedSize: policySize(renderConcrete(document, longestValues(document))),
    derivedStatements: document.statements.length,
    derivedWildcardResources: document.statements
      .filter((statement) => statement.resources.includes("*"))
      .map((statement) => ({ actions: [...statement.actions] })),
  };
}

function dropReason(action: string): string {
  return (
    DROP_REASONS.find(([pattern]) => pattern.test(action))?.[1] ??
    "the provider does not call it for these resources"
  );
}

/** Why the derived policy has an action the seed lacks: the catalogue entry and lifecycle that need it. */
function addReason(action: string): string {
  if (PROVIDER_ACTIONS.includes(action)) return "the provider calls it on every run";
  if (action === "iam:CreateServiceLinkedRole")
    return "first use of the service in the account (only for its service name)";
  if (action === "iam:PassRole") return "roles are handed to ECS tasks (only to ecs-tasks.amazonaws.com)";
  const uses: string[] = [];
  for (const [type, entry] of Object.entries(CATALOGUE)) {
    for (const phase of ["create", "read", "update", "delete"] as const) {
      if (entry.actions[phase].includes(action)) uses.push(`${phase} of ${type}`);
    }
    if (entry.related?.some((related) => related.actions.includes(action)))
      uses.push(`encryption of ${type} with the key`);
  }
  return uses.length ? `needed for ${uses.slice(0, 3).join(", ")}` : "needed by a related call";
}

/** The comparison as a Markdown section for the deploy-policies README. */
export function seedComparisonSection(): string {
  const lines = ["## Compared with the hand-written seed policies", ""];
  for (const seed of SEED_POLICIES) {
    const c = compareWithSeed(seed);
    lines.push(
      `### \`${seed.profile}\` vs seed ${seed.seed} (${seed.files.map((file) => `\`${file}\``).join(", ")})`,
      "",
      `- Actions both have (${c.both.length}): ${c.both.map((a) => `\`${a}\``).join(", ") || "none"}.`,
      `- Size: seed ${seed.size} characters with placeholders; derived ${c.derivedSize} characters in ${c.derivedStatements} statements with the longest values the variables allow (limit 6,144).`,
      "",
    );
    if (c.dropped.length) {
      lines.push("Actions we drop:", "", "| action | why |", "|---|---|");
      for (const d of c.dropped) lines.push(`| \`${d.action}\` | ${d.why} |`);
      lines.push("");
    }
    if (c.added.length) {
      lines.push("Actions we add:", "", "| action | why |", "|---|---|");
      for (const a of c.added) lines.push(`| \`${a.action}\` | ${a.why} |`);
      lines.push("");
    }
    lines.push("Wildcards removed:", "");
    for (const w of c.actionWildcards) {
      lines.push(
        `- \`${w.pattern}\` (${w.matches} actions today) -> exactly ${w.granted.length}: ${w.granted.map((a) => `\`${a}\``).join(", ")}`,
      );
    }
    for (const arn of c.resourceWildcards) {
      lines.push(
        `- Resource \`${arn}\` -> named ARNs in the environment's account and region${arn === "*" ? ", `*` only for actions with no resource type" : ""}`,
      );
    }
    lines.push(
      `- \`Resource: "*"\` remains only for ${c.derivedWildcardResources
        .flatMap((s) => s.actions)
        .map((a) => `\`${a}\``)
        .join(", ")} (AWS offers no resource type for them; \`kms:CreateKey\` requires the Environment tag).`,
      "",
    );
  }
  return lines.join("\n").trimEnd();
}
