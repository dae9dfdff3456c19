/**
 * Where the permission catalogue and pike's recorded mappings disagree, and why the catalogue is
 * right. One row per (Terraform type, action) that only one of them lists; the test in
 * test/permissions/pike-decisions.test.ts fails on a disagreement without a row, on a row whose
 * verdict the catalogue does not follow, and on a row for something both already agree on.
 * `provider` names the file and function of hashicorp/terraform-provider-aws that settles it.
 */

/**
 * `needed`: the catalogue lists the call (or, with `grantedBy: "profile"`, every profile that
 * declares the type grants it). `not-needed`: the catalogue does not list it. `when-set`: the
 * catalogue lists it under the argument (`whenSet`), granted only by profiles that set it.
 */
export type Verdict = "needed" | "not-needed" | "when-set";

export interface Decision {
  readonly type: string;
  readonly action: string;
  readonly verdict: Verdict;
  /** For `when-set`: the argument. */
  readonly argument?: string;
  /** The call is made by AWS on the caller's behalf and granted by the profile, not the catalogue. */
  readonly grantedBy?: "profile";
  readonly reason: string;
  readonly provider: { readonly file: string; readonly function: string };
  /**
   * The row is settled by what the real provider called in a recorded life cycle (the apply
   * proof's record, committed as test/fixtures/recorded-calls.json): `needed` rows were called,
   * `not-needed` rows never. Rows without it rest on their citation alone.
   */
  readonly settledBy?: RecordedSettlement;
  /** Where hashicorp/aws 5.x and 6.x differ for this call (the modules support both). */
  readonly versions?: string;
}

export interface RecordedSettlement {
  /** The proof whose record settles the row. */
  readonly proof: string;
  /** The provider version the record was made with. */
  readonly provider: string;
}

/** The apply proof's record with hashicorp/aws 5.100.0 (test/proofs/apply-modules.proof.test.ts). */
export const RECORDED_APPLY: RecordedSettlement = {
  proof: "test/proofs/apply-modules.proof.test.ts",
  provider: "hashicorp/aws 5.100.0",
};

const S3 = "internal/service/s3";
const RDS = "internal/service/rds";
const IAM = "internal/service/iam";

const at = (file: string, fn: string) => ({ file, function: fn });

/** Several actions of one type with one verdict and one reason. */
function rows(
  type: string,
  actions: readonly string[],
  common: Omit<Decision, "type" | "action">,
): Decision[] {
  return actions.map((action) => ({ type, action, ...common }));
}

const SERVICE_LINKED = (service: string, file: string, fn: string): Omit<Decision, "type" | "action"> => ({
  verdict: "needed",
  grantedBy: "profile",
  reason: `${service} creates its service-linked role the first time the account uses it, authorized against the caller; the profile grants iam:CreateServiceLinkedRole on that role only (iam:AWSServiceName). The provider itself makes no IAM call.`,
  provider: at(file, fn),
});

const TABLE: readonly Decision[] = [
  // aws_s3_bucket
  ...rows("aws_s3_bucket", ["s3:GetObject", "s3:GetObjectAcl"], {
    verdict: "not-needed",
    reason: "reading a bucket reads bucket-level settings only; no object is read",
    provider: at(`${S3}/bucket.go`, "resourceBucketRead"),
  }),
  {
    type: "aws_s3_bucket",
    action: "s3:PutBucketObjectLockConfiguration",
    verdict: "when-set",
    argument: "object_lock_enabled",
    reason: "object lock is configured only for buckets created with object lock; no module sets it",
    provider: at(`${S3}/bucket.go`, "resourceBucketCreate"),
  },
  ...rows("aws_s3_bucket", ["s3:PutObject", "s3:PutObjectLegalHold", "s3:PutObjectRetention"], {
    verdict: "not-needed",
    reason:
      "the provider never writes objects for a bucket; legal holds and retention are set by object writers",
    provider: at(`${S3}/bucket.go`, "resourceBucketCreate / resourceBucketUpdate"),
  }),
  // aws_s3_bucket_lifecycle_configuration
  ...rows("aws_s3_bucket_lifecycle_configuration", ["s3:GetBucketLogging", "s3:PutBucketLogging"], {
    verdict: "not-needed",
    reason:
      "the resource puts, gets and deletes the lifecycle configuration only; logging is aws_s3_bucket_logging's",
    provider: at(
      `${S3}/bucket_lifecycle_configuration.go`,
      "resourceBucketLifecycleConfiguration Create / Delete",
    ),
  }),
  // aws_kms_key
  {
    type: "aws_kms_key",
    action: "kms:DisableKeyRotation",
    verdict: "needed",
    reason: "turning enable_key_rotation off is an update; pike records only the enabling call",
    provider: at("internal/service/kms/key.go", "resourceKeyUpdate -> updateKeyRotationEnabled"),
  },
  ...rows(
    "aws_kms_key",
    [
      "kms:UpdateKeyDescription",
      "kms:EnableKeyRotation",
      "kms:PutKeyPolicy",
      "kms:EnableKey",
      "kms:DisableKey",
    ],
    {
      verdict: "needed",
      reason:
        "pike files them under arguments; every key of the profiles sets description, policy and rotation, so changing them is an update (and rotation is enabled right after create)",
      provider: at("internal/service/kms/key.go", "resourceKeyCreate / resourceKeyUpdate"),
    },
  ),
  // aws_dynamodb_table
  {
    type: "aws_dynamodb_table",
    action: "dynamodb:UpdateContinuousBackups",
    verdict: "needed",
    reason: "the lock table always turns point-in-time recovery on, which is set after CreateTable",
    provider: at("internal/service/dynamodb/table.go", "resourceTableCreate -> updatePITR"),
  },
  ...rows("aws_dynamodb_table", ["kms:DescribeKey", "kms:CreateGrant"], {
    verdict: "needed",
    reason:
      "in KMS mode the lock table is encrypted with the state key: DynamoDB describes it and creates a grant as the caller, through DynamoDB (kms:ViaService)",
    provider: at("internal/service/dynamodb/table.go", "resourceTableCreate (SSESpecification)"),
  }),
  {
    type: "aws_dynamodb_table",
    action: "dynamodb:UpdateTimeToLive",
    verdict: "when-set",
    argument: "ttl",
    reason: "time to live is set after create only when ttl is enabled; the lock table has none",
    provider: at("internal/service/dynamodb/table.go", "resourceTableCreate -> updateTimeToLive"),
  },
  ...rows(
    "aws_dynamodb_table",
    [
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
    {
      verdict: "when-set",
      argument: "replica",
      reason:
        "replicas are added with UpdateTable ReplicaUpdates, which DynamoDB authorizes with the item and replica actions and its replication role; the lock table has no replica",
      provider: at("internal/service/dynamodb/table.go", "resourceTableCreate -> createReplicas"),
    },
  ),
  ...rows("aws_dynamodb_table", ["kms:Decrypt", "kms:Encrypt", "kms:ListAliases", "kms:RevokeGrant"], {
    verdict: "not-needed",
    reason:
      "the provider passes the key ARN in CreateTable's SSESpecification and makes no KMS call; DynamoDB's own DescribeKey/CreateGrant through the service are the related grants",
    provider: at("internal/service/dynamodb/table.go", "resourceTableCreate"),
  }),
  ...rows(
    "aws_dynamodb_table",
    [
      "kinesis:DescribeStream",
      "kinesis:PutRecords",
      "dynamodb:DescribeKinesisStreamingDestination",
      "dynamodb:EnableKinesisStreamingDestination",
      "dynamodb:DisableKinesisStreamingDestination",
    ],
    {
      verdict: "not-needed",
      reason:
        "stream_enabled only sets StreamSpecification; Kinesis destinations belong to aws_dynamodb_kinesis_streaming_destination",
      provider: at("internal/service/dynamodb/table.go", "resourceTableCreate / resourceTableUpdate"),
    },
  ),
  // aws_rds_cluster
  {
    type: "aws_rds_cluster",
    action: "rds:RemoveRoleFromDBCluster",
    verdict: "when-set",
    argument: "iam_roles",
    reason:
      "a role taken out of iam_roles is removed with RemoveRoleFromDBCluster (added ones with AddRoleToDBCluster and iam:PassRole to RDS); seed 000 sets no iam_roles, so aurora_cluster grants none of them (README residuals)",
    provider: at(`${RDS}/cluster.go`, "resourceClusterUpdate (iam_roles)"),
  },
  {
    type: "aws_rds_cluster",
    action: "iam:CreateServiceLinkedRole",
    ...SERVICE_LINKED("RDS", `${RDS}/cluster.go`, "resourceClusterCreate"),
  },
  ...rows("aws_rds_cluster", ["rds:AddRoleToDBCluster", "iam:PassRole"], {
    verdict: "when-set",
    argument: "iam_roles",
    reason: "roles are associated after create only when iam_roles is set; seed 000's cluster sets none",
    provider: at(`${RDS}/cluster.go`, "resourceClusterCreate -> addIAMRoleToCluster"),
  }),
  ...rows("aws_rds_cluster", ["secretsmanager:CreateSecret", "secretsmanager:TagResource"], {
    verdict: "when-set",
    argument: "manage_master_user_password",
    reason:
      "RDS creates the master-password secret as the caller only when manage_master_user_password is true",
    provider: at(`${RDS}/cluster.go`, "resourceClusterCreate (ManageMasterUserPassword)"),
  }),
  ...rows("aws_rds_cluster", ["kms:DescribeKey", "kms:CreateGrant"], {
    verdict: "needed",
    reason:
      "the cluster is encrypted with its own CMK (kms_key_id): RDS describes the key and creates a grant as the caller, through RDS (kms:ViaService); pike lists them under other types' arguments only",
    provider: at(`${RDS}/cluster.go`, "resourceClusterCreate (KmsKeyId, StorageEncrypted)"),
  }),
  // aws_rds_cluster_instance
  ...rows(
    "aws_rds_cluster_instance",
    [
      "ec2:DescribeAccountAttributes",
      "ec2:DescribeAvailabilityZones",
      "ec2:DescribeInternetGateways",
      "ec2:DescribeSecurityGroups",
      "ec2:DescribeSubnets",
      "ec2:DescribeVpcAttribute",
      "ec2:DescribeVpcs",
    ],
    {
      verdict: "not-needed",
      reason: "the provider makes no EC2 call; RDS checks the network through its service-linked role",
      provider: at(
        `${RDS}/cluster_instance.go`,
        "resourceClusterInstanceCreate / resourceClusterInstanceRead",
      ),
    },
  ),
  ...rows(
    "aws_rds_cluster_instance",
    [
      "rds:DescribeDBEngineVersions",
      "rds:DescribeDBParameterGroups",
      "rds:DescribeDBInstanceAutomatedBackups",
    ],
    {
      verdict: "not-needed",
      reason:
        "not called for cluster instances: engine and parameter group are sent as given, automated backups belong to the cluster",
      provider: at(
        `${RDS}/cluster_instance.go`,
        "resourceClusterInstanceCreate / resourceClusterInstanceDelete",
      ),
    },
  ),
  {
    type: "aws_rds_cluster_instance",
    action: "iam:CreateServiceLinkedRole",
    ...SERVICE_LINKED("RDS", `${RDS}/cluster_instance.go`, "resourceClusterInstanceCreate"),
  },
  ...rows("aws_rds_cluster_instance", ["iam:GetRole", "iam:ListRoles"], {
    verdict: "not-needed",
    reason: "the provider never reads IAM roles for an instance (console behaviour recorded by pike)",
    provider: at(`${RDS}/cluster_instance.go`, "resourceClusterInstanceCreate"),
  }),
  {
    type: "aws_rds_cluster_instance",
    action: "iam:PassRole",
    verdict: "when-set",
    argument: "monitoring_role_arn",
    reason: "enhanced monitoring passes its role to RDS; seed 000's instances set none",
    provider: at(`${RDS}/cluster_instance.go`, "resourceClusterInstanceCreate (MonitoringRoleArn)"),
  },
  {
    type: "aws_rds_cluster_instance",
    action: "rds:RebootDBInstance",
    verdict: "when-set",
    argument: "ca_cert_identifier",
    reason:
      "pike lists it for every apply; the provider reboots only to apply ca_cert_identifier after create. Seed 000 sets none, but nothing stops a user from setting it, so aurora_cluster grants it on its own instances (an apply must not fail half-way)",
    provider: at(`${RDS}/cluster_instance.go`, "resourceClusterInstanceCreate (CACertificateIdentifier)"),
  },
  {
    type: "aws_rds_cluster_instance",
    action: "rds:CreateDBSnapshot",
    verdict: "not-needed",
    reason: "a cluster instance has no final snapshot; the cluster takes it (rds:DeleteDBCluster)",
    provider: at(`${RDS}/cluster_instance.go`, "resourceClusterInstanceDelete"),
  },
  ...rows("aws_rds_cluster_instance", ["secretsmanager:CreateSecret", "secretsmanager:TagResource"], {
    verdict: "not-needed",
    reason:
      "aws_rds_cluster_instance has no manage_master_user_password (pike shares aws_db_instance's mapping); the cluster's argument covers it",
    provider: at(`${RDS}/cluster_instance.go`, "ResourceClusterInstance (schema)"),
  }),
  ...rows("aws_rds_cluster_instance", ["kms:CreateGrant", "kms:DescribeKey"], {
    verdict: "not-needed",
    reason:
      "instances of an Aurora cluster use the cluster's storage key, and the schema has no master_user_secret_kms_key_id (aws_db_instance's)",
    provider: at(`${RDS}/cluster_instance.go`, "ResourceClusterInstance (schema)"),
  }),
  // aws_db_subnet_group and aws_rds_cluster_parameter_group
  {
    type: "aws_db_subnet_group",
    action: "iam:CreateServiceLinkedRole",
    ...SERVICE_LINKED("RDS", `${RDS}/subnet_group.go`, "resourceSubnetGroupCreate"),
  },
  {
    type: "aws_rds_cluster_parameter_group",
    action: "iam:CreateServiceLinkedRole",
    ...SERVICE_LINKED("RDS", `${RDS}/cluster_parameter_group.go`, "resourceClusterParameterGroupCreate"),
  },
  {
    type: "aws_rds_cluster_parameter_group",
    action: "rds:ResetDBClusterParameterGroup",
    verdict: "needed",
    reason: "a parameter removed from the configuration is reset to its default",
    provider: at(`${RDS}/cluster_parameter_group.go`, "resourceClusterParameterGroupUpdate"),
  },
  // aws_ecs_cluster
  {
    type: "aws_ecs_cluster",
    action: "iam:CreateServiceLinkedRole",
    ...SERVICE_LINKED(
      "ECS",
      "internal/service/ecs/cluster.go",
      "resourceClusterCreate -> retryClusterCreate",
    ),
  },
  ...rows("aws_ecs_cluster", ["ecs:PutAccountSetting", "ecs:PutAccountSettingDefault"], {
    verdict: "not-needed",
    reason: "account settings are aws_ecs_account_setting_default's; a cluster never changes them",
    provider: at("internal/service/ecs/cluster.go", "resourceClusterCreate / resourceClusterUpdate"),
  }),
  {
    type: "aws_ecs_cluster",
    action: "ecs:PutClusterCapacityProviders",
    verdict: "not-needed",
    reason:
      "capacity providers are aws_ecs_cluster_capacity_providers'; aws_ecs_cluster has no such argument",
    provider: at("internal/service/ecs/cluster.go", "ResourceCluster (schema)"),
  },
  {
    type: "aws_ecs_cluster",
    action: "kms:DescribeKey",
    verdict: "not-needed",
    reason:
      "execute-command and managed-storage key ids are sent in CreateCluster's configuration; the provider makes no KMS call",
    provider: at("internal/service/ecs/cluster.go", "expandClusterConfiguration"),
  },
  // aws_ecs_task_definition
  {
    type: "aws_ecs_task_definition",
    action: "iam:PassRole",
    verdict: "needed",
    grantedBy: "profile",
    reason:
      "RegisterTaskDefinition passes the execution and task roles to ECS; the profile grants iam:PassRole on its own roles to ecs-tasks.amazonaws.com only",
    provider: at(
      "internal/service/ecs/task_definition.go",
      "resourceTaskDefinitionCreate (ExecutionRoleArn, TaskRoleArn)",
    ),
  },
  {
    type: "aws_ecs_task_definition",
    action: "iam:GetRole",
    verdict: "not-needed",
    reason: "the provider does not read the roles; ECS validates them on registration",
    provider: at("internal/service/ecs/task_definition.go", "resourceTaskDefinitionCreate"),
  },
  // aws_iam_role
  {
    type: "aws_iam_role",
    action: "iam:UpdateRoleDescription",
    verdict: "needed",
    reason:
      "a changed description is sent with UpdateRoleDescription, not UpdateRole; the roles of the profiles have descriptions",
    provider: at(`${IAM}/role.go`, "resourceRoleUpdate (description)"),
  },
  ...rows("aws_iam_role", ["iam:PutRolePolicy", "iam:GetRolePolicy", "iam:DeleteRolePolicy"], {
    verdict: "when-set",
    argument: "inline_policy",
    reason:
      "inline policies are put, read and deleted only for inline_policy blocks; the roles get managed policies",
    provider: at(
      `${IAM}/role.go`,
      "resourceRoleCreate / resourceRoleRead / resourceRoleUpdate (inline_policy)",
    ),
  }),
  ...rows("aws_iam_role", ["iam:AttachRolePolicy", "iam:DetachRolePolicy"], {
    verdict: "when-set",
    argument: "managed_policy_arns",
    reason:
      "the deprecated managed_policy_arns attaches from the role; the modules attach with aws_iam_role_policy_attachment, whose entry grants them with iam:PolicyARN",
    provider: at(`${IAM}/role.go`, "resourceRoleCreate / resourceRoleUpdate (managed_policy_arns)"),
  }),
  ...rows("aws_iam_role", ["iam:PutRolePermissionsBoundary", "iam:DeleteRolePermissionsBoundary"], {
    verdict: "when-set",
    argument: "permissions_boundary",
    reason:
      "changing or removing permissions_boundary puts or deletes it; min_provisioner deliberately grants neither (a holder could lift its own boundary, so a boundary change needs an administrator); ecs_compute grants only the put, only with ecs_role_permissions_boundary_arn (iam:PermissionsBoundary), and never the delete",
    provider: at(`${IAM}/role.go`, "resourceRoleUpdate (permissions_boundary)"),
  }),
  {
    type: "aws_iam_role",
    action: "iam:UpdateRole",
    verdict: "needed",
    reason: "a changed max_session_duration is sent with UpdateRole",
    provider: at(`${IAM}/role.go`, "resourceRoleUpdate (max_session_duration)"),
  },
  {
    type: "aws_iam_role",
    action: "iam:UpdateAssumeRolePolicy",
    verdict: "needed",
    reason: "a changed assume_role_policy is sent with UpdateAssumeRolePolicy",
    provider: at(`${IAM}/role.go`, "resourceRoleUpdate (assume_role_policy)"),
  },
  // aws_iam_policy
  {
    type: "aws_iam_policy",
    action: "iam:ListPolicyTags",
    verdict: "not-needed",
    reason:
      "the read takes the policy's tags from GetPolicy's answer; the recorded life cycle never calls ListPolicyTags",
    provider: at(`${IAM}/policy.go`, "resourcePolicyRead (tags from GetPolicy's Policy.Tags)"),
    settledBy: RECORDED_APPLY,
    versions:
      "5.100 recorded: no ListPolicyTags call; 6.x: resourcePolicyRead sets tags from GetPolicy too, and iam/tags_gen.go has no policy tag lister",
  },
  ...rows("aws_iam_policy", ["iam:CreatePolicyVersion", "iam:DeletePolicyVersion"], {
    verdict: "needed",
    reason:
      "a changed policy document becomes a new default version, and the oldest is deleted when five exist",
    provider: at(`${IAM}/policy.go`, "resourcePolicyUpdate -> policyPruneVersions"),
  }),
  // aws_cloudwatch_log_group
  ...rows("aws_cloudwatch_log_group", ["logs:ListTagsLogGroup", "logs:TagLogGroup", "logs:UntagLogGroup"], {
    verdict: "not-needed",
    reason:
      "deprecated APIs: the provider tags log groups by ARN with ListTagsForResource, TagResource and UntagResource",
    provider: at("internal/service/logs/tags_gen.go", "listTags / updateTags"),
  }),
  ...rows("aws_cloudwatch_log_group", ["logs:TagResource", "logs:UntagResource"], {
    verdict: "needed",
    reason: "tags are created and changed with TagResource / UntagResource",
    provider: at("internal/service/logs/tags_gen.go", "updateTags"),
  }),
  ...rows("aws_cloudwatch_log_group", ["logs:PutRetentionPolicy", "logs:DeleteRetentionPolicy"], {
    verdict: "needed",
    reason:
      "seed 004's log groups set retention_in_days: it is put after create and changed or deleted on update",
    provider: at(
      "internal/service/logs/group.go",
      "resourceGroupCreate / resourceGroupUpdate (retention_in_days)",
    ),
  }),
  ...rows("aws_cloudwatch_log_group", ["logs:AssociateKmsKey", "logs:DisassociateKmsKey"], {
    verdict: "when-set",
    argument: "kms_key_id",
    reason: "a changed kms_key_id is associated or disassociated; seed 004's log groups set none",
    provider: at("internal/service/logs/group.go", "resourceGroupUpdate (kms_key_id)"),
  }),
  {
    type: "aws_cloudwatch_log_group",
    action: "logs:PutLogGroupDeletionProtection",
    verdict: "when-set",
    argument: "deletion_protection_enabled",
    reason:
      "hashicorp/aws 6.x puts deletion protection after create and on change; 5.100 has no such argument. ecs_compute does not grant it: examples/ecs-compute sets none, and setting it needs the call (README residuals)",
    provider: at(
      "internal/service/logs/group.go",
      "resourceGroupCreate / resourceGroupUpdate (deletion_protection_enabled)",
    ),
  },
];

/**
 * Rows the apply proof's record settles (hashicorp/aws 5.100.0, every life cycle of state-backend,
 * min-provisioner and the aurora-cluster and ecs-compute examples): `needed` rows the provider called, `not-needed` rows it never called in a
 * whole apply, update and destroy. The fast tier checks this list against the committed record.
 */
const SETTLED_BY_RECORD: ReadonlySet<string> = new Set([
  "aws_s3_bucket s3:GetObject",
  "aws_s3_bucket s3:GetObjectAcl",
  "aws_s3_bucket s3:PutObject",
  "aws_s3_bucket s3:PutObjectLegalHold",
  "aws_s3_bucket s3:PutObjectRetention",
  "aws_s3_bucket_lifecycle_configuration s3:GetBucketLogging",
  "aws_s3_bucket_lifecycle_configuration s3:PutBucketLogging",
  "aws_kms_key kms:EnableKeyRotation",
  "aws_dynamodb_table dynamodb:UpdateContinuousBackups",
  "aws_dynamodb_table kms:DescribeKey",
  "aws_dynamodb_table kms:Decrypt",
  "aws_dynamodb_table kms:Encrypt",
  "aws_dynamodb_table kms:ListAliases",
  "aws_dynamodb_table kms:RevokeGrant",
  "aws_dynamodb_table kinesis:DescribeStream",
  "aws_dynamodb_table kinesis:PutRecords",
  "aws_dynamodb_table dynamodb:DescribeKinesisStreamingDestination",
  "aws_dynamodb_table dynamodb:EnableKinesisStreamingDestination",
  "aws_dynamodb_table dynamodb:DisableKinesisStreamingDestination",
  "aws_iam_role iam:UpdateRoleDescription",
  "aws_iam_role iam:UpdateRole",
  // The examples (aurora-cluster, ecs-compute).
  "aws_rds_cluster_instance ec2:DescribeAccountAttributes",
  "aws_rds_cluster_instance ec2:DescribeAvailabilityZones",
  "aws_rds_cluster_instance ec2:DescribeInternetGateways",
  "aws_rds_cluster_instance ec2:DescribeSecurityGroups",
  "aws_rds_cluster_instance ec2:DescribeSubnets",
  "aws_rds_cluster_instance ec2:DescribeVpcAttribute",
  "aws_rds_cluster_instance ec2:DescribeVpcs",
  "aws_rds_cluster_instance rds:DescribeDBEngineVersions",
  "aws_rds_cluster_instance rds:DescribeDBParameterGroups",
  "aws_rds_cluster_instance rds:DescribeDBInstanceAutomatedBackups",
  "aws_rds_cluster_instance iam:GetRole",
  "aws_rds_cluster_instance iam:ListRoles",
  "aws_rds_cluster_instance rds:CreateDBSnapshot",
  "aws_rds_cluster_instance secretsmanager:CreateSecret",
  "aws_rds_cluster_instance secretsmanager:TagResource",
  "aws_rds_cluster_instance kms:CreateGrant",
  "aws_rds_cluster_instance kms:DescribeKey",
  "aws_ecs_cluster ecs:PutAccountSetting",
  "aws_ecs_cluster ecs:PutAccountSettingDefault",
  "aws_ecs_cluster ecs:PutClusterCapacityProviders",
  "aws_ecs_cluster kms:DescribeKey",
  "aws_ecs_task_definition iam:GetRole",
  "aws_cloudwatch_log_group logs:ListTagsLogGroup",
  "aws_cloudwatch_log_group logs:TagLogGroup",
  "aws_cloudwatch_log_group logs:UntagLogGroup",
  "aws_cloudwatch_log_group logs:TagResource",
  "aws_cloudwatch_log_group logs:PutRetentionPolicy",
]);

export const PIKE_DECISIONS: readonly Decision[] = TABLE.map((decision) =>
  SETTLED_BY_RECORD.has(`${decision.type} ${decision.action}`)
    ? { ...decision, settledBy: RECORDED_APPLY }
    : decision,
);
