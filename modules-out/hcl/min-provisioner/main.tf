locals {
  account_id   = data.aws_caller_identity.current.account_id
  region       = data.aws_region.current.id
  partition    = data.aws_partition.current.partition
  dns_suffix   = data.aws_partition.current.dns_suffix
  ecs_workload = var.ecs_workload_name
  state_bucket_name = coalesce(
    var.state_bucket_name,
    "${var.environment_name}-state-${local.account_id}-${local.region}"
  )
  lock_table_name                = coalesce(var.lock_table_name, "${local.state_bucket_name}-locks")
  aurora_cluster_identifier      = coalesce(var.aurora_cluster_identifier, "${var.environment_name}-aurora")
  state_key_alias_name           = replace(local.state_bucket_name, ".", "-")
  ecs_task_definition_arn_prefix = "arn:${local.partition}:ecs:${local.region}:${local.account_id}:task-definition/${var.environment_name}-"
  ecs_task_definition_arns       = [for family in var.ecs_task_families : "${local.ecs_task_definition_arn_prefix}${family}*:*"]
  trust_policy = jsonencode({
    "Version" = "2012-10-17",
    "Statement" = concat(
      var.external_id == null && !var.require_mfa ? [{
        "Sid"       = "TrustedPrincipalsAssumeRole",
        "Effect"    = "Allow",
        "Principal" = { "AWS" = var.trusted_principal_arns },
        "Action"    = ["sts:AssumeRole"]
      }] : [],
      var.external_id != null && !var.require_mfa ? [{
        "Sid"       = "TrustedPrincipalsAssumeRoleWithExternalId",
        "Effect"    = "Allow",
        "Principal" = { "AWS" = var.trusted_principal_arns },
        "Action"    = ["sts:AssumeRole"],
        "Condition" = { "StringEquals" = { "sts:ExternalId" = "${var.external_id}" } }
      }] : [],
      var.external_id == null && var.require_mfa ? [{
        "Sid"       = "TrustedPrincipalsAssumeRoleWithMfa",
        "Effect"    = "Allow",
        "Principal" = { "AWS" = var.trusted_principal_arns },
        "Action"    = ["sts:AssumeRole"],
        "Condition" = { "Bool" = { "aws:MultiFactorAuthPresent" = "true" } }
      }] : [],
      var.external_id != null && var.require_mfa ? [{
        "Sid"       = "TrustedPrincipalsAssumeRoleWithExternalIdAndMfa",
        "Effect"    = "Allow",
        "Principal" = { "AWS" = var.trusted_principal_arns },
        "Action"    = ["sts:AssumeRole"],
        "Condition" = {
          "StringEquals" = { "sts:ExternalId" = "${var.external_id}" },
          "Bool"         = { "aws:MultiFactorAuthPresent" = "true" }
        }
      }] : []
    )
  })
  policy_arn_lists = {
    "state_backend-1"   = aws_iam_policy.state_backend_1[*].arn,
    "aurora_cluster-1"  = aws_iam_policy.aurora_cluster_1[*].arn,
    "aurora_cluster-2"  = aws_iam_policy.aurora_cluster_2[*].arn,
    "ecs_compute-1"     = aws_iam_policy.ecs_compute_1[*].arn,
    "ecs_compute-2"     = aws_iam_policy.ecs_compute_2[*].arn,
    "min_provisioner-1" = aws_iam_policy.min_provisioner_1[*].arn
  }
}

data "aws_caller_identity" "current" {
}

data "aws_region" "current" {
}

data "aws_partition" "current" {
}

resource "aws_iam_role" "this" {
  assume_role_policy = jsonencode({
    "Version" = "2012-10-17",
    "Statement" = concat(
      var.external_id == null && !var.require_mfa ? [{
        "Sid"       = "TrustedPrincipalsAssumeRole",
        "Effect"    = "Allow",
        "Principal" = { "AWS" = var.trusted_principal_arns },
        "Action"    = ["sts:AssumeRole"]
      }] : [],
      var.external_id != null && !var.require_mfa ? [{
        "Sid"       = "TrustedPrincipalsAssumeRoleWithExternalId",
        "Effect"    = "Allow",
        "Principal" = { "AWS" = var.trusted_principal_arns },
        "Action"    = ["sts:AssumeRole"],
        "Condition" = { "StringEquals" = { "sts:ExternalId" = "${var.external_id}" } }
      }] : [],
      var.external_id == null && var.require_mfa ? [{
        "Sid"       = "TrustedPrincipalsAssumeRoleWithMfa",
        "Effect"    = "Allow",
        "Principal" = { "AWS" = var.trusted_principal_arns },
        "Action"    = ["sts:AssumeRole"],
        "Condition" = { "Bool" = { "aws:MultiFactorAuthPresent" = "true" } }
      }] : [],
      var.external_id != null && var.require_mfa ? [{
        "Sid"       = "TrustedPrincipalsAssumeRoleWithExternalIdAndMfa",
        "Effect"    = "Allow",
        "Principal" = { "AWS" = var.trusted_principal_arns },
        "Action"    = ["sts:AssumeRole"],
        "Condition" = {
          "StringEquals" = { "sts:ExternalId" = "${var.external_id}" },
          "Bool"         = { "aws:MultiFactorAuthPresent" = "true" }
        }
      }] : []
    )
  })
  description          = "Least-privilege provisioning role (min-provisioner module)."
  max_session_duration = var.max_session_duration
  name                 = "${var.environment_name}-${var.role_name}"
  permissions_boundary = var.permissions_boundary_arn
  tags = {
    Environment = var.environment_name
  }
  lifecycle {
    precondition {
      condition     = length(local.trust_policy) <= 2048
      error_message = "The trust policy is ${length(local.trust_policy)} characters, over IAM's default limit of 2048: trust fewer principals (e.g. the account root instead of each role) or a shorter external_id."
    }
    precondition {
      condition = alltrue([for arn in var.trusted_principal_arns : can(regex("^[0-9]{12}$", arn)) || startswith(
        arn,
        "arn:${data.aws_partition.current.partition}:"
      )])
      error_message = "Each of trusted_principal_arns must be in the partition this role is created in (arn:${data.aws_partition.current.partition}:...): a principal of another partition can never assume it."
    }
  }
}

resource "aws_iam_policy" "state_backend_1" {
  description = "Deploy policy state_backend (min-provisioner module, state_backend-1)."
  name        = "${var.environment_name}-${var.role_name}-state_backend-1"
  policy = jsonencode({
    "Version" = "2012-10-17",
    "Statement" = [
      {
        "Sid"      = "StateAccount",
        "Effect"   = "Allow",
        "Action"   = ["kms:ListAliases", "sts:GetCallerIdentity"],
        "Resource" = ["*"]
      },
      {
        "Sid"       = "StateAccountCreateTagged",
        "Effect"    = "Allow",
        "Action"    = ["kms:CreateKey"],
        "Resource"  = ["*"],
        "Condition" = { "StringEquals" = { "aws:RequestTag/Environment" = "${var.environment_name}" } }
      },
      {
        "Sid"    = "StateDynamodbTable",
        "Effect" = "Allow",
        "Action" = [
          "dynamodb:CreateTable",
          "dynamodb:DeleteTable",
          "dynamodb:DescribeContinuousBackups",
          "dynamodb:DescribeTable",
          "dynamodb:DescribeTimeToLive",
          "dynamodb:ListTagsOfResource",
          "dynamodb:TagResource",
          "dynamodb:UntagResource",
          "dynamodb:UpdateContinuousBackups",
          "dynamodb:UpdateTable"
        ],
        "Resource" = [
          "arn:${local.partition}:dynamodb:${local.region}:${local.account_id}:table/${local.lock_table_name}"
        ]
      },
      {
        "Sid"    = "StateKmsAlias",
        "Effect" = "Allow",
        "Action" = ["kms:CreateAlias", "kms:DeleteAlias", "kms:UpdateAlias"],
        "Resource" = [
          "arn:${local.partition}:kms:${local.region}:${local.account_id}:alias/${local.state_key_alias_name}"
        ]
      },
      {
        "Sid"    = "StateKmsKeyTagged",
        "Effect" = "Allow",
        "Action" = [
          "kms:DeleteAlias",
          "kms:DisableKey",
          "kms:DisableKeyRotation",
          "kms:EnableKey",
          "kms:PutKeyPolicy",
          "kms:ScheduleKeyDeletion",
          "kms:TagResource",
          "kms:UntagResource",
          "kms:UpdateAlias",
          "kms:UpdateKeyDescription"
        ],
        "Resource" = ["arn:${local.partition}:kms:${local.region}:${local.account_id}:key/*"],
        "Condition" = {
          "StringEquals"                 = { "aws:ResourceTag/Environment" = "${var.environment_name}" },
          "ForAllValues:StringNotEquals" = { "aws:TagKeys" = ["Environment"] },
          "ForAllValues:StringLike" = {
            "kms:ResourceAliases" = ["alias/${local.state_key_alias_name}"]
          }
        }
      },
      {
        "Sid"      = "StateKmsKeyCreateTagged",
        "Effect"   = "Allow",
        "Action"   = ["kms:TagResource"],
        "Resource" = ["arn:${local.partition}:kms:${local.region}:${local.account_id}:key/*"],
        "Condition" = {
          "StringEquals" = { "aws:RequestTag/Environment" = "${var.environment_name}" },
          "Null"         = { "aws:ResourceTag/Environment" = "true" },
          "ForAllValues:StringLike" = {
            "kms:ResourceAliases" = ["alias/${local.state_key_alias_name}"]
          }
        }
      },
      {
        "Sid"      = "StateKmsKeyViaService",
        "Effect"   = "Allow",
        "Action"   = ["kms:CreateGrant", "kms:DescribeKey"],
        "Resource" = ["arn:${local.partition}:kms:${local.region}:${local.account_id}:key/*"],
        "Condition" = {
          "StringEqualsIfExists" = { "aws:ResourceTag/Environment" = "${var.environment_name}" },
          "ForAllValues:StringLike" = {
            "kms:ResourceAliases" = ["alias/${local.state_key_alias_name}"]
          },
          "StringEquals" = { "kms:ViaService" = "dynamodb.${local.region}.${local.dns_suffix}" }
        }
      },
      {
        "Sid"    = "StateKmsKeyNewOrTagged",
        "Effect" = "Allow",
        "Action" = [
          "kms:CreateAlias",
          "kms:DescribeKey",
          "kms:EnableKeyRotation",
          "kms:GetKeyPolicy",
          "kms:GetKeyRotationStatus",
          "kms:ListResourceTags"
        ],
        "Resource" = ["arn:${local.partition}:kms:${local.region}:${local.account_id}:key/*"],
        "Condition" = {
          "StringEqualsIfExists" = { "aws:ResourceTag/Environment" = "${var.environment_name}" },
          "ForAllValues:StringLike" = {
            "kms:ResourceAliases" = ["alias/${local.state_key_alias_name}"]
          }
        }
      },
      {
        "Sid"    = "StateS3Bucket",
        "Effect" = "Allow",
        "Action" = [
          "s3:CreateBucket",
          "s3:DeleteBucket",
          "s3:DeleteBucketPolicy",
          "s3:GetAccelerateConfiguration",
          "s3:GetBucketAcl",
          "s3:GetBucketCORS",
          "s3:GetBucketLogging",
          "s3:GetBucketObjectLockConfiguration",
          "s3:GetBucketOwnershipControls",
          "s3:GetBucketPolicy",
          "s3:GetBucketPublicAccessBlock",
          "s3:GetBucketRequestPayment",
          "s3:GetBucketTagging",
          "s3:GetBucketVersioning",
          "s3:GetBucketWebsite",
          "s3:GetEncryptionConfiguration",
          "s3:GetLifecycleConfiguration",
          "s3:GetReplicationConfiguration",
          "s3:ListBucket",
          "s3:PutBucketLogging",
          "s3:PutBucketOwnershipControls",
          "s3:PutBucketPolicy",
          "s3:PutBucketPublicAccessBlock",
          "s3:PutBucketTagging",
          "s3:PutBucketVersioning",
          "s3:PutEncryptionConfiguration",
          "s3:PutLifecycleConfiguration"
        ],
        "Resource" = ["arn:${local.partition}:s3:::${local.state_bucket_name}"]
      }
    ]
  })
  tags = {
    Environment = var.environment_name
  }
  count = contains(var.deploy_profiles, "state_backend") ? 1 : 0
}

resource "aws_iam_policy" "aurora_cluster_1" {
  description = "Deploy policy aurora_cluster (min-provisioner module, aurora_cluster-1)."
  name        = "${var.environment_name}-${var.role_name}-aurora_cluster-1"
  policy = jsonencode({
    "Version" = "2012-10-17",
    "Statement" = [{
      "Sid"      = "AuroraAccount",
      "Effect"   = "Allow",
      "Action"   = ["kms:ListAliases", "rds:DescribeGlobalClusters", "sts:GetCallerIdentity"],
      "Resource" = ["*"]
    }]
  })
  tags = {
    Environment = var.environment_name
  }
  count = contains(var.deploy_profiles, "aurora_cluster") ? 1 : 0
}

resource "aws_iam_policy" "aurora_cluster_2" {
  description = "Deploy policy aurora_cluster (min-provisioner module, aurora_cluster-2)."
  name        = "${var.environment_name}-${var.role_name}-aurora_cluster-2"
  policy = jsonencode({
    "Version" = "2012-10-17",
    "Statement" = [
      {
        "Sid"       = "AuroraAccountCreateTagged",
        "Effect"    = "Allow",
        "Action"    = ["kms:CreateKey"],
        "Resource"  = ["*"],
        "Condition" = { "StringEquals" = { "aws:RequestTag/Environment" = "${var.environment_name}" } }
      },
      {
        "Sid"    = "AuroraIamServiceLinkedRoleServiceLinked",
        "Effect" = "Allow",
        "Action" = ["iam:CreateServiceLinkedRole"],
        "Resource" = [
          "arn:${local.partition}:iam::${local.account_id}:role/aws-service-role/rds.amazonaws.com/AWSServiceRoleForRDS"
        ],
        "Condition" = { "StringEquals" = { "iam:AWSServiceName" = "rds.amazonaws.com" } }
      },
      {
        "Sid"    = "AuroraKmsAlias",
        "Effect" = "Allow",
        "Action" = ["kms:CreateAlias", "kms:DeleteAlias", "kms:UpdateAlias"],
        "Resource" = [
          "arn:${local.partition}:kms:${local.region}:${local.account_id}:alias/${local.aurora_cluster_identifier}"
        ]
      },
      {
        "Sid"    = "AuroraKmsKeyTagged",
        "Effect" = "Allow",
        "Action" = [
          "kms:DeleteAlias",
          "kms:DisableKey",
          "kms:DisableKeyRotation",
          "kms:EnableKey",
          "kms:PutKeyPolicy",
          "kms:ScheduleKeyDeletion",
          "kms:TagResource",
          "kms:UntagResource",
          "kms:UpdateAlias",
          "kms:UpdateKeyDescription"
        ],
        "Resource" = ["arn:${local.partition}:kms:${local.region}:${local.account_id}:key/*"],
        "Condition" = {
          "StringEquals"                 = { "aws:ResourceTag/Environment" = "${var.environment_name}" },
          "ForAllValues:StringNotEquals" = { "aws:TagKeys" = ["Environment"] },
          "ForAllValues:StringLike" = {
            "kms:ResourceAliases" = ["alias/${local.aurora_cluster_identifier}"]
          }
        }
      },
      {
        "Sid"      = "AuroraKmsKeyCreateTagged",
        "Effect"   = "Allow",
        "Action"   = ["kms:TagResource"],
        "Resource" = ["arn:${local.partition}:kms:${local.region}:${local.account_id}:key/*"],
        "Condition" = {
          "StringEquals" = { "aws:RequestTag/Environment" = "${var.environment_name}" },
          "Null"         = { "aws:ResourceTag/Environment" = "true" },
          "ForAllValues:StringLike" = {
            "kms:ResourceAliases" = ["alias/${local.aurora_cluster_identifier}"]
          }
        }
      },
      {
        "Sid"      = "AuroraKmsKeyViaService",
        "Effect"   = "Allow",
        "Action"   = ["kms:CreateGrant", "kms:DescribeKey"],
        "Resource" = ["arn:${local.partition}:kms:${local.region}:${local.account_id}:key/*"],
        "Condition" = {
          "StringEqualsIfExists" = { "aws:ResourceTag/Environment" = "${var.environment_name}" },
          "ForAllValues:StringLike" = {
            "kms:ResourceAliases" = ["alias/${local.aurora_cluster_identifier}"]
          },
          "StringEquals" = { "kms:ViaService" = "rds.${local.region}.${local.dns_suffix}" }
        }
      },
      {
        "Sid"    = "AuroraKmsKeyNewOrTagged",
        "Effect" = "Allow",
        "Action" = [
          "kms:CreateAlias",
          "kms:DescribeKey",
          "kms:EnableKeyRotation",
          "kms:GetKeyPolicy",
          "kms:GetKeyRotationStatus",
          "kms:ListResourceTags"
        ],
        "Resource" = ["arn:${local.partition}:kms:${local.region}:${local.account_id}:key/*"],
        "Condition" = {
          "StringEqualsIfExists" = { "aws:ResourceTag/Environment" = "${var.environment_name}" },
          "ForAllValues:StringLike" = {
            "kms:ResourceAliases" = ["alias/${local.aurora_cluster_identifier}"]
          }
        }
      },
      {
        "Sid"    = "AuroraRdsClusterPg",
        "Effect" = "Allow",
        "Action" = [
          "rds:CreateDBClusterParameterGroup",
          "rds:DeleteDBClusterParameterGroup",
          "rds:DescribeDBClusterParameterGroups",
          "rds:DescribeDBClusterParameters",
          "rds:ModifyDBClusterParameterGroup",
          "rds:ResetDBClusterParameterGroup"
        ],
        "Resource" = [
          "arn:${local.partition}:rds:${local.region}:${local.account_id}:cluster-pg:${local.aurora_cluster_identifier}-params"
        ]
      },
      {
        "Sid"    = "AuroraRdsClusterRelated",
        "Effect" = "Allow",
        "Action" = ["rds:ModifyDBCluster"],
        "Resource" = [
          "arn:${local.partition}:rds:${local.region}:${local.account_id}:cluster-pg:${local.aurora_cluster_identifier}-params",
          "arn:${local.partition}:rds:${local.region}:${local.account_id}:cluster:${local.aurora_cluster_identifier}"
        ]
      },
      {
        "Sid"    = "AuroraRdsClusterRelated2",
        "Effect" = "Allow",
        "Action" = [
          "rds:AddTagsToResource",
          "rds:CreateDBCluster",
          "rds:ListTagsForResource",
          "rds:RemoveTagsFromResource"
        ],
        "Resource" = [
          "arn:${local.partition}:rds:${local.region}:${local.account_id}:cluster-pg:${local.aurora_cluster_identifier}-params",
          "arn:${local.partition}:rds:${local.region}:${local.account_id}:cluster:${local.aurora_cluster_identifier}",
          "arn:${local.partition}:rds:${local.region}:${local.account_id}:db:${local.aurora_cluster_identifier}-instance-*",
          "arn:${local.partition}:rds:${local.region}:${local.account_id}:subgrp:${local.aurora_cluster_identifier}-subnets"
        ]
      },
      {
        "Sid"    = "AuroraRdsClusterRelated3",
        "Effect" = "Allow",
        "Action" = ["rds:DeleteDBCluster"],
        "Resource" = [
          "arn:${local.partition}:rds:${local.region}:${local.account_id}:cluster-snapshot:${local.aurora_cluster_identifier}-final",
          "arn:${local.partition}:rds:${local.region}:${local.account_id}:cluster:${local.aurora_cluster_identifier}"
        ]
      },
      {
        "Sid"    = "AuroraRdsCluster",
        "Effect" = "Allow",
        "Action" = ["rds:DescribeDBClusters"],
        "Resource" = [
          "arn:${local.partition}:rds:${local.region}:${local.account_id}:cluster:${local.aurora_cluster_identifier}"
        ]
      },
      {
        "Sid"    = "AuroraRdsClusterRelated4",
        "Effect" = "Allow",
        "Action" = ["rds:CreateDBInstance"],
        "Resource" = [
          "arn:${local.partition}:rds:${local.region}:${local.account_id}:cluster:${local.aurora_cluster_identifier}",
          "arn:${local.partition}:rds:${local.region}:${local.account_id}:db:${local.aurora_cluster_identifier}-instance-*",
          "arn:${local.partition}:rds:${local.region}:${local.account_id}:subgrp:${local.aurora_cluster_identifier}-subnets"
        ]
      },
      {
        "Sid"    = "AuroraRdsDb",
        "Effect" = "Allow",
        "Action" = ["rds:DeleteDBInstance", "rds:DescribeDBInstances", "rds:RebootDBInstance"],
        "Resource" = [
          "arn:${local.partition}:rds:${local.region}:${local.account_id}:db:${local.aurora_cluster_identifier}-instance-*"
        ]
      },
      {
        "Sid"    = "AuroraRdsDbRelated",
        "Effect" = "Allow",
        "Action" = ["rds:ModifyDBInstance"],
        "Resource" = [
          "arn:${local.partition}:rds:${local.region}:${local.account_id}:db:${local.aurora_cluster_identifier}-instance-*",
          "arn:${local.partition}:rds:${local.region}:${local.account_id}:subgrp:${local.aurora_cluster_identifier}-subnets"
        ]
      },
      {
        "Sid"    = "AuroraRdsSubgrp",
        "Effect" = "Allow",
        "Action" = [
          "rds:CreateDBSubnetGroup",
          "rds:DeleteDBSubnetGroup",
          "rds:DescribeDBSubnetGroups",
          "rds:ModifyDBSubnetGroup"
        ],
        "Resource" = [
          "arn:${local.partition}:rds:${local.region}:${local.account_id}:subgrp:${local.aurora_cluster_identifier}-subnets"
        ]
      },
      {
        "Sid"    = "AuroraSecretsmanagerSecret",
        "Effect" = "Allow",
        "Action" = ["secretsmanager:CreateSecret", "secretsmanager:TagResource"],
        "Resource" = [
          "arn:${local.partition}:secretsmanager:${local.region}:${local.account_id}:secret:rds!cluster-*"
        ]
      }
    ]
  })
  tags = {
    Environment = var.environment_name
  }
  count = contains(var.deploy_profiles, "aurora_cluster") ? 1 : 0
}

resource "aws_iam_policy" "ecs_compute_1" {
  description = "Deploy policy ecs_compute (min-provisioner module, ecs_compute-1)."
  name        = "${var.environment_name}-${var.role_name}-ecs_compute-1"
  policy = jsonencode({
    "Version" = "2012-10-17",
    "Statement" = concat(
      [
        {
          "Sid"    = "EcsAccount",
          "Effect" = "Allow",
          "Action" = [
            "ecs:DeregisterTaskDefinition",
            "ecs:DescribeTaskDefinition",
            "kms:ListAliases",
            "logs:DescribeLogGroups",
            "sts:GetCallerIdentity"
          ],
          "Resource" = ["*"]
        },
        {
          "Sid"      = "EcsAccountCreateTagged",
          "Effect"   = "Allow",
          "Action"   = ["kms:CreateKey"],
          "Resource" = ["*"],
          "Condition" = {
            "StringEquals" = { "aws:RequestTag/Environment" = "${var.environment_name}" }
          }
        }
      ],
      var.ecs_role_permissions_boundary_arn == null ? [{
        "Sid"    = "EcsIamRoleUnbounded",
        "Effect" = "Allow",
        "Action" = ["iam:CreateRole"],
        "Resource" = [
          "arn:${local.partition}:iam::${local.account_id}:role/${var.environment_name}-${local.ecs_workload}-*"
        ]
      }] : []
    )
  })
  tags = {
    Environment = var.environment_name
  }
  count = contains(var.deploy_profiles, "ecs_compute") ? 1 : 0
}

resource "aws_iam_policy" "ecs_compute_2" {
  description = "Deploy policy ecs_compute (min-provisioner module, ecs_compute-2)."
  name        = "${var.environment_name}-${var.role_name}-ecs_compute-2"
  policy = jsonencode({
    "Version" = "2012-10-17",
    "Statement" = concat(
      [
        {
          "Sid"    = "EcsEcsCluster",
          "Effect" = "Allow",
          "Action" = [
            "ecs:CreateCluster",
            "ecs:DeleteCluster",
            "ecs:DescribeClusters",
            "ecs:UpdateCluster"
          ],
          "Resource" = [
            "arn:${local.partition}:ecs:${local.region}:${local.account_id}:cluster/${var.environment_name}-${local.ecs_workload}-compute-cluster-*"
          ]
        },
        {
          "Sid"    = "EcsEcsClusterRelated",
          "Effect" = "Allow",
          "Action" = ["ecs:ListTagsForResource", "ecs:TagResource", "ecs:UntagResource"],
          "Resource" = concat(
            [
              "arn:${local.partition}:ecs:${local.region}:${local.account_id}:cluster/${var.environment_name}-${local.ecs_workload}-compute-cluster-*"
            ],
            local.ecs_task_definition_arns
          )
        },
        {
          "Sid"    = "EcsIamPolicy",
          "Effect" = "Allow",
          "Action" = [
            "iam:CreatePolicy",
            "iam:CreatePolicyVersion",
            "iam:DeletePolicy",
            "iam:DeletePolicyVersion",
            "iam:GetPolicy",
            "iam:GetPolicyVersion",
            "iam:ListPolicyVersions",
            "iam:TagPolicy",
            "iam:UntagPolicy"
          ],
          "Resource" = [
            "arn:${local.partition}:iam::${local.account_id}:policy/${var.environment_name}-${local.ecs_workload}-*"
          ]
        },
        {
          "Sid"    = "EcsIamServiceLinkedRoleServiceLinked",
          "Effect" = "Allow",
          "Action" = ["iam:CreateServiceLinkedRole"],
          "Resource" = [
            "arn:${local.partition}:iam::${local.account_id}:role/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS"
          ],
          "Condition" = { "StringEquals" = { "iam:AWSServiceName" = "ecs.amazonaws.com" } }
        },
        {
          "Sid"    = "EcsIamRole",
          "Effect" = "Allow",
          "Action" = [
            "iam:DeleteRole",
            "iam:GetRole",
            "iam:ListAttachedRolePolicies",
            "iam:ListInstanceProfilesForRole",
            "iam:ListRolePolicies",
            "iam:TagRole",
            "iam:UntagRole",
            "iam:UpdateAssumeRolePolicy",
            "iam:UpdateRole",
            "iam:UpdateRoleDescription"
          ],
          "Resource" = [
            "arn:${local.partition}:iam::${local.account_id}:role/${var.environment_name}-${local.ecs_workload}-*"
          ]
        },
        {
          "Sid"    = "EcsIamRoleOwnPolicies",
          "Effect" = "Allow",
          "Action" = ["iam:AttachRolePolicy", "iam:DetachRolePolicy"],
          "Resource" = [
            "arn:${local.partition}:iam::${local.account_id}:role/${var.environment_name}-${local.ecs_workload}-*"
          ],
          "Condition" = {
            "ArnLike" = {
              "iam:PolicyARN" = [
                "arn:${local.partition}:iam::${local.account_id}:policy/${var.environment_name}-${local.ecs_workload}-*",
                "arn:${local.partition}:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"
              ]
            }
          }
        },
        {
          "Sid"    = "EcsIamRolePassToService",
          "Effect" = "Allow",
          "Action" = ["iam:PassRole"],
          "Resource" = [
            "arn:${local.partition}:iam::${local.account_id}:role/${var.environment_name}-${local.ecs_workload}-*"
          ],
          "Condition" = { "StringEquals" = { "iam:PassedToService" = "ecs-tasks.amazonaws.com" } }
        }
      ],
      var.ecs_role_permissions_boundary_arn != null ? [{
        "Sid"    = "EcsIamRoleBounded",
        "Effect" = "Allow",
        "Action" = ["iam:CreateRole", "iam:PutRolePermissionsBoundary"],
        "Resource" = [
          "arn:${local.partition}:iam::${local.account_id}:role/${var.environment_name}-${local.ecs_workload}-*"
        ],
        "Condition" = {
          "StringEquals" = { "iam:PermissionsBoundary" = "${var.ecs_role_permissions_boundary_arn}" }
        }
      }] : [],
      [
        {
          "Sid"    = "EcsKmsAlias",
          "Effect" = "Allow",
          "Action" = ["kms:CreateAlias", "kms:DeleteAlias", "kms:UpdateAlias"],
          "Resource" = [
            "arn:${local.partition}:kms:${local.region}:${local.account_id}:alias/${var.environment_name}_integration_*_*"
          ]
        },
        {
          "Sid"    = "EcsKmsKeyTagged",
          "Effect" = "Allow",
          "Action" = [
            "kms:DeleteAlias",
            "kms:DisableKey",
            "kms:DisableKeyRotation",
            "kms:EnableKey",
            "kms:PutKeyPolicy",
            "kms:ScheduleKeyDeletion",
            "kms:TagResource",
            "kms:UntagResource",
            "kms:UpdateAlias",
            "kms:UpdateKeyDescription"
          ],
          "Resource" = ["arn:${local.partition}:kms:${local.region}:${local.account_id}:key/*"],
          "Condition" = {
            "StringEquals"                 = { "aws:ResourceTag/Environment" = "${var.environment_name}" },
            "ForAllValues:StringNotEquals" = { "aws:TagKeys" = ["Environment"] },
            "ForAllValues:StringLike" = {
              "kms:ResourceAliases" = ["alias/${var.environment_name}_integration_*_*"]
            }
          }
        },
        {
          "Sid"      = "EcsKmsKeyCreateTagged",
          "Effect"   = "Allow",
          "Action"   = ["kms:TagResource"],
          "Resource" = ["arn:${local.partition}:kms:${local.region}:${local.account_id}:key/*"],
          "Condition" = {
            "StringEquals" = { "aws:RequestTag/Environment" = "${var.environment_name}" },
            "Null"         = { "aws:ResourceTag/Environment" = "true" },
            "ForAllValues:StringLike" = {
              "kms:ResourceAliases" = ["alias/${var.environment_name}_integration_*_*"]
            }
          }
        },
        {
          "Sid"    = "EcsKmsKeyNewOrTagged",
          "Effect" = "Allow",
          "Action" = [
            "kms:CreateAlias",
            "kms:DescribeKey",
            "kms:EnableKeyRotation",
            "kms:GetKeyPolicy",
            "kms:GetKeyRotationStatus",
            "kms:ListResourceTags"
          ],
          "Resource" = ["arn:${local.partition}:kms:${local.region}:${local.account_id}:key/*"],
          "Condition" = {
            "StringEqualsIfExists" = { "aws:ResourceTag/Environment" = "${var.environment_name}" },
            "ForAllValues:StringLike" = {
              "kms:ResourceAliases" = ["alias/${var.environment_name}_integration_*_*"]
            }
          }
        },
        {
          "Sid"    = "EcsLogsLogGroup",
          "Effect" = "Allow",
          "Action" = [
            "logs:CreateLogGroup",
            "logs:DeleteLogGroup",
            "logs:DeleteRetentionPolicy",
            "logs:ListTagsForResource",
            "logs:PutRetentionPolicy",
            "logs:TagResource",
            "logs:UntagResource"
          ],
          "Resource" = [
            "arn:${local.partition}:logs:${local.region}:${local.account_id}:log-group:/${var.environment_name}-${local.ecs_workload}/ecs-*"
          ]
        },
        {
          "Sid"    = "EcsS3Bucket",
          "Effect" = "Allow",
          "Action" = [
            "s3:CreateBucket",
            "s3:DeleteBucket",
            "s3:GetAccelerateConfiguration",
            "s3:GetBucketAcl",
            "s3:GetBucketCORS",
            "s3:GetBucketLogging",
            "s3:GetBucketObjectLockConfiguration",
            "s3:GetBucketOwnershipControls",
            "s3:GetBucketPolicy",
            "s3:GetBucketPublicAccessBlock",
            "s3:GetBucketRequestPayment",
            "s3:GetBucketTagging",
            "s3:GetBucketVersioning",
            "s3:GetBucketWebsite",
            "s3:GetEncryptionConfiguration",
            "s3:GetLifecycleConfiguration",
            "s3:GetReplicationConfiguration",
            "s3:ListBucket",
            "s3:PutBucketOwnershipControls",
            "s3:PutBucketPublicAccessBlock",
            "s3:PutBucketTagging",
            "s3:PutBucketVersioning",
            "s3:PutEncryptionConfiguration",
            "s3:PutLifecycleConfiguration"
          ],
          "Resource" = [
            "arn:${local.partition}:s3:::${var.environment_name}-${local.ecs_workload}-artifacts-*",
            "arn:${local.partition}:s3:::${var.environment_name}-${local.ecs_workload}-secrets-*"
          ]
        },
        {
          "Sid"      = "EcsEcsTaskDefinition",
          "Effect"   = "Allow",
          "Action"   = ["ecs:RegisterTaskDefinition"],
          "Resource" = local.ecs_task_definition_arns
        }
      ]
    )
  })
  tags = {
    Environment = var.environment_name
  }
  count = contains(var.deploy_profiles, "ecs_compute") ? 1 : 0
}

resource "aws_iam_policy" "min_provisioner_1" {
  description = "Deploy policy min_provisioner (min-provisioner module, min_provisioner-1)."
  name        = "${var.environment_name}-${var.role_name}-min_provisioner-1"
  policy = jsonencode({
    "Version" = "2012-10-17",
    "Statement" = [
      {
        "Sid"      = "MinProvAccount",
        "Effect"   = "Allow",
        "Action"   = ["sts:GetCallerIdentity"],
        "Resource" = ["*"]
      },
      {
        "Sid"    = "MinProvIamPolicy",
        "Effect" = "Allow",
        "Action" = [
          "iam:CreatePolicy",
          "iam:CreatePolicyVersion",
          "iam:DeletePolicy",
          "iam:DeletePolicyVersion",
          "iam:GetPolicy",
          "iam:GetPolicyVersion",
          "iam:ListPolicyVersions",
          "iam:TagPolicy",
          "iam:UntagPolicy"
        ],
        "Resource" = [
          "arn:${local.partition}:iam::${local.account_id}:policy/${var.environment_name}-${var.role_name}-*"
        ]
      },
      {
        "Sid"    = "MinProvIamRole",
        "Effect" = "Allow",
        "Action" = [
          "iam:CreateRole",
          "iam:DeleteRole",
          "iam:GetRole",
          "iam:ListAttachedRolePolicies",
          "iam:ListInstanceProfilesForRole",
          "iam:ListRolePolicies",
          "iam:TagRole",
          "iam:UntagRole",
          "iam:UpdateAssumeRolePolicy",
          "iam:UpdateRole",
          "iam:UpdateRoleDescription"
        ],
        "Resource" = [
          "arn:${local.partition}:iam::${local.account_id}:role/${var.environment_name}-${var.role_name}"
        ]
      },
      {
        "Sid"    = "MinProvIamRoleOwnPolicies",
        "Effect" = "Allow",
        "Action" = ["iam:AttachRolePolicy", "iam:DetachRolePolicy"],
        "Resource" = [
          "arn:${local.partition}:iam::${local.account_id}:role/${var.environment_name}-${var.role_name}"
        ],
        "Condition" = {
          "ArnLike" = {
            "iam:PolicyARN" = [
              "arn:${local.partition}:iam::${local.account_id}:policy/${var.environment_name}-${var.role_name}-*"
            ]
          }
        }
      }
    ]
  })
  tags = {
    Environment = var.environment_name
  }
  count = contains(var.deploy_profiles, "min_provisioner") ? 1 : 0
}

resource "aws_iam_role_policy_attachment" "state_backend_1" {
  policy_arn = aws_iam_policy.state_backend_1[count.index].arn
  role       = aws_iam_role.this.name
  count      = contains(var.deploy_profiles, "state_backend") ? 1 : 0
}

resource "aws_iam_role_policy_attachment" "aurora_cluster_1" {
  policy_arn = aws_iam_policy.aurora_cluster_1[count.index].arn
  role       = aws_iam_role.this.name
  count      = contains(var.deploy_profiles, "aurora_cluster") ? 1 : 0
}

resource "aws_iam_role_policy_attachment" "aurora_cluster_2" {
  policy_arn = aws_iam_policy.aurora_cluster_2[count.index].arn
  role       = aws_iam_role.this.name
  count      = contains(var.deploy_profiles, "aurora_cluster") ? 1 : 0
}

resource "aws_iam_role_policy_attachment" "ecs_compute_1" {
  policy_arn = aws_iam_policy.ecs_compute_1[count.index].arn
  role       = aws_iam_role.this.name
  count      = contains(var.deploy_profiles, "ecs_compute") ? 1 : 0
}

resource "aws_iam_role_policy_attachment" "ecs_compute_2" {
  policy_arn = aws_iam_policy.ecs_compute_2[count.index].arn
  role       = aws_iam_role.this.name
  count      = contains(var.deploy_profiles, "ecs_compute") ? 1 : 0
}

resource "aws_iam_role_policy_attachment" "min_provisioner_1" {
  policy_arn = aws_iam_policy.min_provisioner_1[count.index].arn
  role       = aws_iam_role.this.name
  count      = contains(var.deploy_profiles, "min_provisioner") ? 1 : 0
}

moved {
  from = aws_iam_policy.this["state_backend-1"]
  to   = aws_iam_policy.state_backend_1[0]
}

moved {
  from = aws_iam_role_policy_attachment.this["state_backend-1"]
  to   = aws_iam_role_policy_attachment.state_backend_1[0]
}

moved {
  from = aws_iam_policy.this["aurora_cluster-1"]
  to   = aws_iam_policy.aurora_cluster_1[0]
}

moved {
  from = aws_iam_role_policy_attachment.this["aurora_cluster-1"]
  to   = aws_iam_role_policy_attachment.aurora_cluster_1[0]
}

moved {
  from = aws_iam_policy.this["aurora_cluster-2"]
  to   = aws_iam_policy.aurora_cluster_2[0]
}

moved {
  from = aws_iam_role_policy_attachment.this["aurora_cluster-2"]
  to   = aws_iam_role_policy_attachment.aurora_cluster_2[0]
}

moved {
  from = aws_iam_policy.this["ecs_compute-1"]
  to   = aws_iam_policy.ecs_compute_1[0]
}

moved {
  from = aws_iam_role_policy_attachment.this["ecs_compute-1"]
  to   = aws_iam_role_policy_attachment.ecs_compute_1[0]
}

moved {
  from = aws_iam_policy.this["ecs_compute-2"]
  to   = aws_iam_policy.ecs_compute_2[0]
}

moved {
  from = aws_iam_role_policy_attachment.this["ecs_compute-2"]
  to   = aws_iam_role_policy_attachment.ecs_compute_2[0]
}

moved {
  from = aws_iam_policy.this["min_provisioner-1"]
  to   = aws_iam_policy.min_provisioner_1[0]
}

moved {
  from = aws_iam_role_policy_attachment.this["min_provisioner-1"]
  to   = aws_iam_role_policy_attachment.min_provisioner_1[0]
}
