output "state_backend_deploy_policy_json" {
  value = jsonencode({
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
          "arn:${var.partition}:dynamodb:${var.region}:${var.account_id}:table/${local.lock_table_name}"
        ]
      },
      {
        "Sid"    = "StateKmsAlias",
        "Effect" = "Allow",
        "Action" = ["kms:CreateAlias", "kms:DeleteAlias", "kms:UpdateAlias"],
        "Resource" = [
          "arn:${var.partition}:kms:${var.region}:${var.account_id}:alias/${local.state_key_alias_name}"
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
        "Resource" = ["arn:${var.partition}:kms:${var.region}:${var.account_id}:key/*"],
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
        "Resource" = ["arn:${var.partition}:kms:${var.region}:${var.account_id}:key/*"],
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
        "Resource" = ["arn:${var.partition}:kms:${var.region}:${var.account_id}:key/*"],
        "Condition" = {
          "StringEqualsIfExists" = { "aws:ResourceTag/Environment" = "${var.environment_name}" },
          "ForAllValues:StringLike" = {
            "kms:ResourceAliases" = ["alias/${local.state_key_alias_name}"]
          },
          "StringEquals" = { "kms:ViaService" = "dynamodb.${var.region}.${local.dns_suffix}" }
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
        "Resource" = ["arn:${var.partition}:kms:${var.region}:${var.account_id}:key/*"],
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
        "Resource" = ["arn:${var.partition}:s3:::${local.state_bucket_name}"]
      }
    ]
  })
  description = "Deploy the state-backend module: state bucket and settings, its KMS key and alias, the lock table. JSON policy document."
}

output "aurora_cluster_deploy_policy_json" {
  value       = local.aurora_cluster_deploy_policy_json
  description = "Deploy one Aurora cluster with its instances, subnet group, cluster parameter group and KMS key. JSON policy document."
  precondition {
    condition     = length(local.aurora_cluster_deploy_policy_json) <= 6144
    error_message = "The aurora_cluster deploy policy is ${length(local.aurora_cluster_deploy_policy_json)} characters, over IAM's 6144-character managed-policy limit (long names in a long partition): use aws_least_privileged_policies, which is split to fit."
  }
}

output "ecs_compute_deploy_policy_json" {
  value       = local.ecs_compute_deploy_policy_json
  description = "Deploy the ECS compute module of one workload (seed 004's orchestra by default): cluster, task definitions, task/execution roles and policies, buckets, log groups, KMS key. JSON policy document."
  precondition {
    condition     = length(local.ecs_compute_deploy_policy_json) <= 6144
    error_message = "The ecs_compute deploy policy is ${length(local.ecs_compute_deploy_policy_json)} characters, over IAM's 6144-character managed-policy limit (long names in a long partition): use aws_least_privileged_policies, which is split to fit."
  }
}

output "min_provisioner_deploy_policy_json" {
  value = jsonencode({
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
          "arn:${var.partition}:iam::${var.account_id}:policy/${var.environment_name}-${var.min_provisioner_role_name}-*"
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
          "arn:${var.partition}:iam::${var.account_id}:role/${var.environment_name}-${var.min_provisioner_role_name}"
        ]
      },
      {
        "Sid"    = "MinProvIamRoleOwnPolicies",
        "Effect" = "Allow",
        "Action" = ["iam:AttachRolePolicy", "iam:DetachRolePolicy"],
        "Resource" = [
          "arn:${var.partition}:iam::${var.account_id}:role/${var.environment_name}-${var.min_provisioner_role_name}"
        ],
        "Condition" = {
          "ArnLike" = {
            "iam:PolicyARN" = [
              "arn:${var.partition}:iam::${var.account_id}:policy/${var.environment_name}-${var.min_provisioner_role_name}-*"
            ]
          }
        }
      }
    ]
  })
  description = "Deploy the min-provisioner module: the provisioning role, its managed policies and attachments. JSON policy document."
}

output "aws_least_privileged_policies" {
  value = [
    jsonencode({
      "Version" = "2012-10-17",
      "Statement" = concat(
        [
          {
            "Sid"      = "StateAccount",
            "Effect"   = "Allow",
            "Action"   = ["kms:ListAliases", "sts:GetCallerIdentity"],
            "Resource" = ["*"]
          },
          {
            "Sid"      = "StateAccountCreateTagged",
            "Effect"   = "Allow",
            "Action"   = ["kms:CreateKey"],
            "Resource" = ["*"],
            "Condition" = {
              "StringEquals" = { "aws:RequestTag/Environment" = "${var.environment_name}" }
            }
          },
          {
            "Sid"    = "StateKmsAlias",
            "Effect" = "Allow",
            "Action" = ["kms:CreateAlias", "kms:DeleteAlias", "kms:UpdateAlias"],
            "Resource" = [
              "arn:${var.partition}:kms:${var.region}:${var.account_id}:alias/${local.state_key_alias_name}"
            ]
          },
          {
            "Sid"      = "AuroraAccount",
            "Effect"   = "Allow",
            "Action"   = ["kms:ListAliases", "rds:DescribeGlobalClusters", "sts:GetCallerIdentity"],
            "Resource" = ["*"]
          },
          {
            "Sid"      = "AuroraAccountCreateTagged",
            "Effect"   = "Allow",
            "Action"   = ["kms:CreateKey"],
            "Resource" = ["*"],
            "Condition" = {
              "StringEquals" = { "aws:RequestTag/Environment" = "${var.environment_name}" }
            }
          },
          {
            "Sid"    = "AuroraKmsAlias",
            "Effect" = "Allow",
            "Action" = ["kms:CreateAlias", "kms:DeleteAlias", "kms:UpdateAlias"],
            "Resource" = [
              "arn:${var.partition}:kms:${var.region}:${var.account_id}:alias/${local.aurora_cluster_identifier}"
            ]
          },
          {
            "Sid"    = "AuroraRdsClusterRelated",
            "Effect" = "Allow",
            "Action" = ["rds:ModifyDBCluster"],
            "Resource" = [
              "arn:${var.partition}:rds:${var.region}:${var.account_id}:cluster-pg:${local.aurora_cluster_identifier}-params",
              "arn:${var.partition}:rds:${var.region}:${var.account_id}:cluster:${local.aurora_cluster_identifier}"
            ]
          },
          {
            "Sid"    = "AuroraRdsClusterRelated3",
            "Effect" = "Allow",
            "Action" = ["rds:DeleteDBCluster"],
            "Resource" = [
              "arn:${var.partition}:rds:${var.region}:${var.account_id}:cluster-snapshot:${local.aurora_cluster_identifier}-final",
              "arn:${var.partition}:rds:${var.region}:${var.account_id}:cluster:${local.aurora_cluster_identifier}"
            ]
          },
          {
            "Sid"    = "AuroraRdsCluster",
            "Effect" = "Allow",
            "Action" = ["rds:DescribeDBClusters"],
            "Resource" = [
              "arn:${var.partition}:rds:${var.region}:${var.account_id}:cluster:${local.aurora_cluster_identifier}"
            ]
          },
          {
            "Sid"    = "AuroraRdsDb",
            "Effect" = "Allow",
            "Action" = ["rds:DeleteDBInstance", "rds:DescribeDBInstances", "rds:RebootDBInstance"],
            "Resource" = [
              "arn:${var.partition}:rds:${var.region}:${var.account_id}:db:${local.aurora_cluster_identifier}-instance-*"
            ]
          },
          {
            "Sid"    = "AuroraRdsDbRelated",
            "Effect" = "Allow",
            "Action" = ["rds:ModifyDBInstance"],
            "Resource" = [
              "arn:${var.partition}:rds:${var.region}:${var.account_id}:db:${local.aurora_cluster_identifier}-instance-*",
              "arn:${var.partition}:rds:${var.region}:${var.account_id}:subgrp:${local.aurora_cluster_identifier}-subnets"
            ]
          },
          {
            "Sid"    = "AuroraSecretsmanagerSecret",
            "Effect" = "Allow",
            "Action" = ["secretsmanager:CreateSecret", "secretsmanager:TagResource"],
            "Resource" = [
              "arn:${var.partition}:secretsmanager:${var.region}:${var.account_id}:secret:rds!cluster-*"
            ]
          },
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
          },
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
              "arn:${var.partition}:ecs:${var.region}:${var.account_id}:cluster/${var.environment_name}-${var.ecs_workload_name}-compute-cluster-*"
            ]
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
              "arn:${var.partition}:iam::${var.account_id}:policy/${var.environment_name}-${var.ecs_workload_name}-*"
            ]
          },
          {
            "Sid"    = "EcsIamServiceLinkedRoleServiceLinked",
            "Effect" = "Allow",
            "Action" = ["iam:CreateServiceLinkedRole"],
            "Resource" = [
              "arn:${var.partition}:iam::${var.account_id}:role/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS"
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
              "arn:${var.partition}:iam::${var.account_id}:role/${var.environment_name}-${var.ecs_workload_name}-*"
            ]
          }
        ],
        var.ecs_role_permissions_boundary_arn == null ? [{
          "Sid"    = "EcsIamRoleUnbounded",
          "Effect" = "Allow",
          "Action" = ["iam:CreateRole"],
          "Resource" = [
            "arn:${var.partition}:iam::${var.account_id}:role/${var.environment_name}-${var.ecs_workload_name}-*"
          ]
        }] : [],
        [
          {
            "Sid"    = "EcsIamRolePassToService",
            "Effect" = "Allow",
            "Action" = ["iam:PassRole"],
            "Resource" = [
              "arn:${var.partition}:iam::${var.account_id}:role/${var.environment_name}-${var.ecs_workload_name}-*"
            ],
            "Condition" = { "StringEquals" = { "iam:PassedToService" = "ecs-tasks.amazonaws.com" } }
          },
          {
            "Sid"    = "EcsKmsAlias",
            "Effect" = "Allow",
            "Action" = ["kms:CreateAlias", "kms:DeleteAlias", "kms:UpdateAlias"],
            "Resource" = [
              "arn:${var.partition}:kms:${var.region}:${var.account_id}:alias/${var.environment_name}_integration_*_*"
            ]
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
              "arn:${var.partition}:logs:${var.region}:${var.account_id}:log-group:/${var.environment_name}-${var.ecs_workload_name}/ecs-*"
            ]
          },
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
              "arn:${var.partition}:iam::${var.account_id}:policy/${var.environment_name}-${var.min_provisioner_role_name}-*"
            ]
          }
        ]
      )
    }),
    jsonencode({
      "Version" = "2012-10-17",
      "Statement" = [
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
            "arn:${var.partition}:dynamodb:${var.region}:${var.account_id}:table/${local.lock_table_name}"
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
          "Resource" = ["arn:${var.partition}:kms:${var.region}:${var.account_id}:key/*"],
          "Condition" = {
            "StringEquals"                 = { "aws:ResourceTag/Environment" = "${var.environment_name}" },
            "ForAllValues:StringNotEquals" = { "aws:TagKeys" = ["Environment"] },
            "ForAllValues:StringLike" = {
              "kms:ResourceAliases" = ["alias/${local.state_key_alias_name}"]
            }
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
          "Resource" = ["arn:${var.partition}:kms:${var.region}:${var.account_id}:key/*"],
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
          "Resource" = ["arn:${var.partition}:s3:::${local.state_bucket_name}"]
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
          "Resource" = ["arn:${var.partition}:kms:${var.region}:${var.account_id}:key/*"],
          "Condition" = {
            "StringEquals"                 = { "aws:ResourceTag/Environment" = "${var.environment_name}" },
            "ForAllValues:StringNotEquals" = { "aws:TagKeys" = ["Environment"] },
            "ForAllValues:StringLike" = {
              "kms:ResourceAliases" = ["alias/${local.aurora_cluster_identifier}"]
            }
          }
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
            "arn:${var.partition}:rds:${var.region}:${var.account_id}:cluster-pg:${local.aurora_cluster_identifier}-params",
            "arn:${var.partition}:rds:${var.region}:${var.account_id}:cluster:${local.aurora_cluster_identifier}",
            "arn:${var.partition}:rds:${var.region}:${var.account_id}:db:${local.aurora_cluster_identifier}-instance-*",
            "arn:${var.partition}:rds:${var.region}:${var.account_id}:subgrp:${local.aurora_cluster_identifier}-subnets"
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
            "arn:${var.partition}:rds:${var.region}:${var.account_id}:subgrp:${local.aurora_cluster_identifier}-subnets"
          ]
        },
        {
          "Sid"    = "EcsEcsClusterRelated",
          "Effect" = "Allow",
          "Action" = ["ecs:ListTagsForResource", "ecs:TagResource", "ecs:UntagResource"],
          "Resource" = concat(
            [
              "arn:${var.partition}:ecs:${var.region}:${var.account_id}:cluster/${var.environment_name}-${var.ecs_workload_name}-compute-cluster-*"
            ],
            local.ecs_task_definition_arns
          )
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
          "Resource" = ["arn:${var.partition}:kms:${var.region}:${var.account_id}:key/*"],
          "Condition" = {
            "StringEquals"                 = { "aws:ResourceTag/Environment" = "${var.environment_name}" },
            "ForAllValues:StringNotEquals" = { "aws:TagKeys" = ["Environment"] },
            "ForAllValues:StringLike" = {
              "kms:ResourceAliases" = ["alias/${var.environment_name}_integration_*_*"]
            }
          }
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
            "arn:${var.partition}:s3:::${var.environment_name}-${var.ecs_workload_name}-artifacts-*",
            "arn:${var.partition}:s3:::${var.environment_name}-${var.ecs_workload_name}-secrets-*"
          ]
        }
      ]
    }),
    jsonencode({
      "Version" = "2012-10-17",
      "Statement" = concat(
        [
          {
            "Sid"      = "StateKmsKeyCreateTagged",
            "Effect"   = "Allow",
            "Action"   = ["kms:TagResource"],
            "Resource" = ["arn:${var.partition}:kms:${var.region}:${var.account_id}:key/*"],
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
            "Resource" = ["arn:${var.partition}:kms:${var.region}:${var.account_id}:key/*"],
            "Condition" = {
              "StringEqualsIfExists" = { "aws:ResourceTag/Environment" = "${var.environment_name}" },
              "ForAllValues:StringLike" = {
                "kms:ResourceAliases" = ["alias/${local.state_key_alias_name}"]
              },
              "StringEquals" = { "kms:ViaService" = "dynamodb.${var.region}.${local.dns_suffix}" }
            }
          },
          {
            "Sid"    = "AuroraIamServiceLinkedRoleServiceLinked",
            "Effect" = "Allow",
            "Action" = ["iam:CreateServiceLinkedRole"],
            "Resource" = [
              "arn:${var.partition}:iam::${var.account_id}:role/aws-service-role/rds.amazonaws.com/AWSServiceRoleForRDS"
            ],
            "Condition" = { "StringEquals" = { "iam:AWSServiceName" = "rds.amazonaws.com" } }
          },
          {
            "Sid"      = "AuroraKmsKeyCreateTagged",
            "Effect"   = "Allow",
            "Action"   = ["kms:TagResource"],
            "Resource" = ["arn:${var.partition}:kms:${var.region}:${var.account_id}:key/*"],
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
            "Resource" = ["arn:${var.partition}:kms:${var.region}:${var.account_id}:key/*"],
            "Condition" = {
              "StringEqualsIfExists" = { "aws:ResourceTag/Environment" = "${var.environment_name}" },
              "ForAllValues:StringLike" = {
                "kms:ResourceAliases" = ["alias/${local.aurora_cluster_identifier}"]
              },
              "StringEquals" = { "kms:ViaService" = "rds.${var.region}.${local.dns_suffix}" }
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
            "Resource" = ["arn:${var.partition}:kms:${var.region}:${var.account_id}:key/*"],
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
              "arn:${var.partition}:rds:${var.region}:${var.account_id}:cluster-pg:${local.aurora_cluster_identifier}-params"
            ]
          },
          {
            "Sid"    = "AuroraRdsClusterRelated4",
            "Effect" = "Allow",
            "Action" = ["rds:CreateDBInstance"],
            "Resource" = [
              "arn:${var.partition}:rds:${var.region}:${var.account_id}:cluster:${local.aurora_cluster_identifier}",
              "arn:${var.partition}:rds:${var.region}:${var.account_id}:db:${local.aurora_cluster_identifier}-instance-*",
              "arn:${var.partition}:rds:${var.region}:${var.account_id}:subgrp:${local.aurora_cluster_identifier}-subnets"
            ]
          },
          {
            "Sid"    = "EcsIamRoleOwnPolicies",
            "Effect" = "Allow",
            "Action" = ["iam:AttachRolePolicy", "iam:DetachRolePolicy"],
            "Resource" = [
              "arn:${var.partition}:iam::${var.account_id}:role/${var.environment_name}-${var.ecs_workload_name}-*"
            ],
            "Condition" = {
              "ArnLike" = {
                "iam:PolicyARN" = [
                  "arn:${var.partition}:iam::${var.account_id}:policy/${var.environment_name}-${var.ecs_workload_name}-*",
                  "arn:${var.partition}:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"
                ]
              }
            }
          }
        ],
        var.ecs_role_permissions_boundary_arn != null ? [{
          "Sid"    = "EcsIamRoleBounded",
          "Effect" = "Allow",
          "Action" = ["iam:CreateRole", "iam:PutRolePermissionsBoundary"],
          "Resource" = [
            "arn:${var.partition}:iam::${var.account_id}:role/${var.environment_name}-${var.ecs_workload_name}-*"
          ],
          "Condition" = {
            "StringEquals" = {
              "iam:PermissionsBoundary" = "${var.ecs_role_permissions_boundary_arn}"
            }
          }
        }] : [],
        [
          {
            "Sid"      = "EcsKmsKeyCreateTagged",
            "Effect"   = "Allow",
            "Action"   = ["kms:TagResource"],
            "Resource" = ["arn:${var.partition}:kms:${var.region}:${var.account_id}:key/*"],
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
            "Resource" = ["arn:${var.partition}:kms:${var.region}:${var.account_id}:key/*"],
            "Condition" = {
              "StringEqualsIfExists" = { "aws:ResourceTag/Environment" = "${var.environment_name}" },
              "ForAllValues:StringLike" = {
                "kms:ResourceAliases" = ["alias/${var.environment_name}_integration_*_*"]
              }
            }
          },
          {
            "Sid"      = "EcsEcsTaskDefinition",
            "Effect"   = "Allow",
            "Action"   = ["ecs:RegisterTaskDefinition"],
            "Resource" = local.ecs_task_definition_arns
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
              "arn:${var.partition}:iam::${var.account_id}:role/${var.environment_name}-${var.min_provisioner_role_name}"
            ]
          },
          {
            "Sid"    = "MinProvIamRoleOwnPolicies",
            "Effect" = "Allow",
            "Action" = ["iam:AttachRolePolicy", "iam:DetachRolePolicy"],
            "Resource" = [
              "arn:${var.partition}:iam::${var.account_id}:role/${var.environment_name}-${var.min_provisioner_role_name}"
            ],
            "Condition" = {
              "ArnLike" = {
                "iam:PolicyARN" = [
                  "arn:${var.partition}:iam::${var.account_id}:policy/${var.environment_name}-${var.min_provisioner_role_name}-*"
                ]
              }
            }
          }
        ]
      )
    })
  ]
  description = "Every profile's deploy policy, split into as few JSON policy documents as fit AWS's 6,144-character managed-policy limit (sized for the longest values the variables allow)."
}
