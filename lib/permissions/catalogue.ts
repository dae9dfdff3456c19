/**
 * The permission catalogue: for each Terraform resource type, the IAM actions the AWS provider
 * calls over the resource's lifecycle, and the iam-data resource type its ARN is. Action sets are
 * named constants here and nowhere else; `derive` turns them into statements.
 */

/** An iam-data resource type, `service:key` (e.g. `s3:bucket`, `rds:cluster-pg`). */
export type IamResourceType = `${string}:${string}`;

export interface LifecycleActions {
  /** Calls made by `terraform apply` when the resource is new (including tags sent on create). */
  readonly create: readonly string[];
  /** Calls made by refresh (plan) and after every write. */
  readonly read: readonly string[];
  /** Calls made when an argument, a tag or a policy version changes. */
  readonly update: readonly string[];
  /** Calls made by `terraform destroy` or replacement. */
  readonly delete: readonly string[];
}

/** Actions on a resource of another type that the provider's calls need (e.g. a key RDS encrypts with). */
export interface RelatedActions {
  readonly actions: readonly string[];
  readonly target: IamResourceType;
  /** The calls reach the target only through this AWS service (`kms:ViaService`). */
  readonly viaService?: string;
}

/** Calls the provider makes only when an argument of the resource is set. */
export interface ArgumentCalls {
  /** The Terraform argument, e.g. `ca_cert_identifier`. */
  readonly argument: string;
  readonly actions: readonly string[];
}

/** A call that names no resource AWS could scope it to, so it is granted on `*`. */
export interface AccountWideCall {
  readonly action: string;
  /** Why no narrower resource exists (shown in the module READMEs). */
  readonly why: string;
}

export interface CatalogueEntry {
  /** The resource type the named resource's ARN is, as iam-data names it. */
  readonly iamType: IamResourceType;
  readonly actions: LifecycleActions;
  /**
   * Read and update calls the provider makes on the resource in the same apply that creates it
   * (a subset of `read` and `update`). For tag-scoped resources they cannot rely on the new tag:
   * KMS takes up to five minutes to count a new key's tags (and aliases) for authorization.
   */
  readonly afterCreate?: readonly string[];
  /** Calls that name no resource (granted on `*`). */
  readonly accountWide?: readonly AccountWideCall[];
  /** Calls made only when an argument is set; a profile grants them only for arguments it sets. */
  readonly whenSet?: readonly ArgumentCalls[];
  readonly related?: readonly RelatedActions[];
  /**
   * Resource types iam-data marks required for some of the entry's actions that are alternatives to
   * the entry's own type (the call names one or the other), with the reason.
   */
  readonly alternatives?: Readonly<Partial<Record<IamResourceType, string>>>;
}

/** Calls the AWS provider makes once per run whatever it manages. */
export const PROVIDER_ACTIONS: readonly string[] = ["sts:GetCallerIdentity"];

const S3_BUCKET_READ = [
  "s3:ListBucket",
  "s3:GetBucketTagging",
  "s3:GetBucketPolicy",
  "s3:GetBucketAcl",
  "s3:GetBucketCORS",
  "s3:GetBucketWebsite",
  "s3:GetBucketVersioning",
  "s3:GetAccelerateConfiguration",
  "s3:GetBucketRequestPayment",
  "s3:GetBucketLogging",
  "s3:GetLifecycleConfiguration",
  "s3:GetReplicationConfiguration",
  "s3:GetEncryptionConfiguration",
  "s3:GetBucketObjectLockConfiguration",
];

/** A bucket sub-resource that one Put action sets and resets (AWS's Delete* calls map to the Put action). */
function bucketSetting(put: string, get: string, remove: string = put): CatalogueEntry {
  return { iamType: "s3:bucket", actions: { create: [put], read: [get], update: [put], delete: [remove] } };
}

const RDS_TAGS = {
  add: "rds:AddTagsToResource",
  remove: "rds:RemoveTagsFromResource",
  list: "rds:ListTagsForResource",
};

/** What RDS needs from the customer managed key it encrypts with. */
const RDS_USES_KEY: RelatedActions = {
  actions: ["kms:DescribeKey", "kms:CreateGrant"],
  target: "kms:key",
  viaService: "rds",
};

const IAM_ROLE_READ = ["iam:GetRole", "iam:ListRolePolicies", "iam:ListAttachedRolePolicies"];

export const CATALOGUE: Readonly<Record<string, CatalogueEntry>> = {
  aws_s3_bucket: {
    iamType: "s3:bucket",
    actions: {
      create: ["s3:CreateBucket", "s3:PutBucketTagging"],
      read: S3_BUCKET_READ,
      update: ["s3:PutBucketTagging"],
      delete: ["s3:DeleteBucket"],
    },
    whenSet: [{ argument: "object_lock_enabled", actions: ["s3:PutBucketObjectLockConfiguration"] }],
  },
  aws_s3_bucket_versioning: bucketSetting("s3:PutBucketVersioning", "s3:GetBucketVersioning"),
  aws_s3_bucket_public_access_block: bucketSetting(
    "s3:PutBucketPublicAccessBlock",
    "s3:GetBucketPublicAccessBlock",
  ),
  aws_s3_bucket_ownership_controls: bucketSetting(
    "s3:PutBucketOwnershipControls",
    "s3:GetBucketOwnershipControls",
  ),
  aws_s3_bucket_policy: bucketSetting("s3:PutBucketPolicy", "s3:GetBucketPolicy", "s3:DeleteBucketPolicy"),
  aws_s3_bucket_server_side_encryption_configuration: bucketSetting(
    "s3:PutEncryptionConfiguration",
    "s3:GetEncryptionConfiguration",
  ),
  aws_s3_bucket_lifecycle_configuration: bucketSetting(
    "s3:PutLifecycleConfiguration",
    "s3:GetLifecycleConfiguration",
  ),
  // Deleting the resource puts an empty logging status (bucket_logging.go, resourceBucketLoggingDelete).
  aws_s3_bucket_logging: bucketSetting("s3:PutBucketLogging", "s3:GetBucketLogging"),
  aws_kms_key: {
    iamType: "kms:key",
    actions: {
      create: ["kms:CreateKey", "kms:TagResource"],
      read: ["kms:DescribeKey", "kms:GetKeyPolicy", "kms:GetKeyRotationStatus", "kms:ListResourceTags"],
      update: [
        "kms:PutKeyPolicy",
        "kms:EnableKeyRotation",
        "kms:DisableKeyRotation",
        "kms:UpdateKeyDescription",
        "kms:EnableKey",
        "kms:DisableKey",
        "kms:TagResource",
        "kms:UntagResource",
      ],
      delete: ["kms:ScheduleKeyDeletion"],
    },
    // resourceKeyCreate enables rotation, waits for the policy and tags, then reads the key.
    afterCreate: [
      "kms:DescribeKey",
      "kms:GetKeyPolicy",
      "kms:GetKeyRotationStatus",
      "kms:ListResourceTags",
      "kms:EnableKeyRotation",
    ],
  },
  aws_kms_alias: {
    iamType: "kms:alias",
    actions: {
      create: ["kms:CreateAlias"],
      read: ["kms:ListAliases"],
      update: ["kms:UpdateAlias"],
      delete: ["kms:DeleteAlias"],
    },
  },
  aws_dynamodb_table: {
    iamType: "dynamodb:table",
    actions: {
      create: ["dynamodb:CreateTable", "dynamodb:TagResource"],
      read: [
        "dynamodb:DescribeTable",
        "dynamodb:DescribeContinuousBackups",
        "dynamodb:DescribeTimeToLive",
        "dynamodb:ListTagsOfResource",
      ],
      update: [
        "dynamodb:UpdateTable",
        "dynamodb:UpdateContinuousBackups",
        "dynamodb:TagResource",
        "dynamodb:UntagResource",
      ],
      delete: ["dynamodb:DeleteTable"],
    },
    related: [{ actions: ["kms:DescribeKey", "kms:CreateGrant"], target: "kms:key", viaService: "dynamodb" }],
    whenSet: [
      { argument: "ttl", actions: ["dynamodb:UpdateTimeToLive"] },
      {
        argument: "replica",
        actions: [
          "dynamodb:CreateTableReplica",
          "dynamodb:DeleteTableReplica",
          "dynamodb:Query",
          "dynamodb:Scan",
          "dynamodb:UpdateItem",
          "dynamodb:PutItem",
          "dynamodb:GetItem",
          "dynamodb:DeleteItem",
          "dynamodb:BatchWriteItem",
          "iam:CreateServiceLinkedRole",
        ],
      },
    ],
    alternatives: { "dynamodb:stream": "tag calls name the table or a stream; the lock table has no stream" },
  },
  aws_rds_cluster: {
    iamType: "rds:cluster",
    actions: {
      create: ["rds:CreateDBCluster", RDS_TAGS.add],
      read: ["rds:DescribeDBClusters", RDS_TAGS.list],
      update: ["rds:ModifyDBCluster", RDS_TAGS.add, RDS_TAGS.remove],
      delete: ["rds:DeleteDBCluster"],
    },
    accountWide: [
      {
        action: "rds:DescribeGlobalClusters",
        why: "every read of aws_rds_cluster looks up the global cluster the cluster may belong to, filtering by the cluster's ARN; the request names no global cluster",
      },
    ],
    related: [RDS_USES_KEY],
    whenSet: [
      {
        argument: "iam_roles",
        actions: ["rds:AddRoleToDBCluster", "rds:RemoveRoleFromDBCluster", "iam:PassRole"],
      },
      {
        argument: "manage_master_user_password",
        actions: ["secretsmanager:CreateSecret", "secretsmanager:TagResource"],
      },
    ],
    alternatives: {
      "rds:og": "Aurora PostgreSQL has no option groups; the cluster names none, so none is authorized",
    },
  },
  aws_rds_cluster_instance: {
    iamType: "rds:db",
    actions: {
      create: ["rds:CreateDBInstance", RDS_TAGS.add],
      // The read also describes the cluster, to tell whether the instance is its writer.
      read: ["rds:DescribeDBInstances", "rds:DescribeDBClusters", RDS_TAGS.list],
      update: ["rds:ModifyDBInstance", RDS_TAGS.add, RDS_TAGS.remove],
      delete: ["rds:DeleteDBInstance"],
    },
    whenSet: [
      { argument: "ca_cert_identifier", actions: ["rds:RebootDBInstance"] },
      { argument: "monitoring_role_arn", actions: ["iam:PassRole"] },
    ],
  },
  aws_db_subnet_group: {
    iamType: "rds:subgrp",
    actions: {
      create: ["rds:CreateDBSubnetGroup", RDS_TAGS.add],
      read: ["rds:DescribeDBSubnetGroups", RDS_TAGS.list],
      update: ["rds:ModifyDBSubnetGroup", RDS_TAGS.add, RDS_TAGS.remove],
      delete: ["rds:DeleteDBSubnetGroup"],
    },
  },
  aws_rds_cluster_parameter_group: {
    iamType: "rds:cluster-pg",
    actions: {
      create: ["rds:CreateDBClusterParameterGroup", "rds:ModifyDBClusterParameterGroup", RDS_TAGS.add],
      read: ["rds:DescribeDBClusterParameterGroups", "rds:DescribeDBClusterParameters", RDS_TAGS.list],
      update: [
        "rds:ModifyDBClusterParameterGroup",
        "rds:ResetDBClusterParameterGroup",
        RDS_TAGS.add,
        RDS_TAGS.remove,
      ],
      delete: ["rds:DeleteDBClusterParameterGroup"],
    },
  },
  aws_ecs_cluster: {
    iamType: "ecs:cluster",
    actions: {
      create: ["ecs:CreateCluster", "ecs:TagResource"],
      read: ["ecs:DescribeClusters", "ecs:ListTagsForResource"],
      update: ["ecs:UpdateCluster", "ecs:TagResource", "ecs:UntagResource"],
      delete: ["ecs:DeleteCluster"],
    },
  },
  aws_ecs_task_definition: {
    iamType: "ecs:task-definition",
    actions: {
      create: ["ecs:RegisterTaskDefinition", "ecs:TagResource"],
      read: ["ecs:DescribeTaskDefinition", "ecs:ListTagsForResource"],
      update: ["ecs:TagResource", "ecs:UntagResource"],
      delete: ["ecs:DeregisterTaskDefinition"],
    },
  },
  aws_iam_role: {
    iamType: "iam:role",
    actions: {
      create: ["iam:CreateRole", "iam:TagRole"],
      read: IAM_ROLE_READ,
      update: [
        "iam:UpdateRole",
        "iam:UpdateRoleDescription",
        "iam:UpdateAssumeRolePolicy",
        "iam:TagRole",
        "iam:UntagRole",
      ],
      delete: ["iam:DeleteRole", "iam:ListInstanceProfilesForRole"],
    },
    whenSet: [
      {
        argument: "inline_policy",
        actions: ["iam:PutRolePolicy", "iam:GetRolePolicy", "iam:DeleteRolePolicy"],
      },
      { argument: "managed_policy_arns", actions: ["iam:AttachRolePolicy", "iam:DetachRolePolicy"] },
      {
        argument: "permissions_boundary",
        actions: ["iam:PutRolePermissionsBoundary", "iam:DeleteRolePermissionsBoundary"],
      },
    ],
  },
  aws_iam_policy: {
    iamType: "iam:policy",
    actions: {
      create: ["iam:CreatePolicy", "iam:TagPolicy"],
      read: ["iam:GetPolicy", "iam:GetPolicyVersion", "iam:ListPolicyVersions"],
      update: ["iam:CreatePolicyVersion", "iam:DeletePolicyVersion", "iam:TagPolicy", "iam:UntagPolicy"],
      delete: ["iam:DeletePolicy", "iam:DeletePolicyVersion", "iam:ListPolicyVersions"],
    },
  },
  aws_iam_role_policy_attachment: {
    iamType: "iam:role",
    actions: {
      create: ["iam:AttachRolePolicy"],
      read: ["iam:ListAttachedRolePolicies"],
      update: [],
      delete: ["iam:DetachRolePolicy"],
    },
  },
  aws_cloudwatch_log_group: {
    iamType: "logs:log-group",
    actions: {
      create: ["logs:CreateLogGroup", "logs:TagResource", "logs:PutRetentionPolicy"],
      read: ["logs:DescribeLogGroups", "logs:ListTagsForResource"],
      update: [
        "logs:PutRetentionPolicy",
        "logs:DeleteRetentionPolicy",
        "logs:TagResource",
        "logs:UntagResource",
      ],
      delete: ["logs:DeleteLogGroup"],
    },
    whenSet: [
      { argument: "kms_key_id", actions: ["logs:AssociateKmsKey", "logs:DisassociateKmsKey"] },
      // hashicorp/aws 6.x only; 5.100 has no such argument.
      { argument: "deletion_protection_enabled", actions: ["logs:PutLogGroupDeletionProtection"] },
    ],
  },
};

/** The entry for a Terraform type; a type missing here is a gap in the catalogue, so it throws. */
export function catalogueEntry(terraformType: string): CatalogueEntry {
  const entry = CATALOGUE[terraformType];
  if (!entry)
    throw new Error(`No permission catalogue entry for Terraform resource type "${terraformType}".`);
  return entry;
}

/** Every action of an entry's lifecycle and account-wide calls, each once, in lifecycle order. */
export function allActions(entry: CatalogueEntry): string[] {
  const { create, read, update, delete: remove } = entry.actions;
  const accountWide = (entry.accountWide ?? []).map((call) => call.action);
  return [...new Set([...create, ...read, ...update, ...remove, ...accountWide])];
}

/** The actions an entry lists for one argument (empty when the argument adds no calls). */
export function argumentActions(entry: CatalogueEntry, argument: string): readonly string[] {
  return entry.whenSet?.find((calls) => calls.argument === argument)?.actions ?? [];
}
