import { PARTITION } from "../../naming/partition";
import { DEPLOY_PARAMS } from "../../naming/deploy-policies";
import {
  auroraCluster,
  auroraClusterParameterGroup,
  auroraFinalSnapshot,
  auroraInstances,
  auroraKeyAlias,
  auroraSubnetGroup,
} from "../../naming/aurora";
import { kmsKeyPattern } from "../../naming/state-backend";
import type { DeployProfile } from "../deploy-profile";

const { environmentName, accountId, region, auroraClusterIdentifier: id } = DEPLOY_PARAMS;

/** Seed 000's Aurora cluster: cluster, instances, subnet group, cluster parameter group, its KMS key. */
export const auroraClusterProfile: DeployProfile = {
  id: "aurora_cluster",
  description:
    "Deploy one Aurora cluster with its instances, subnet group, cluster parameter group and KMS key.",
  derive: {
    sidPrefix: "Aurora",
    environment: environmentName,
    region,
    resources: [
      {
        type: "aws_rds_cluster",
        arn: auroraCluster(id, region, accountId).arn,
        // Seed 000 and examples/aurora-cluster let RDS manage the master password: RDS creates and
        // tags the secret with the caller's permissions (no provider call shows it).
        arguments: ["manage_master_user_password"],
      },
      {
        type: "aws_rds_cluster_instance",
        arn: auroraInstances(id, region, accountId).arn,
        // The provider reboots a new instance to apply a non-default CA (#21): without the grant a
        // user who sets it gets an apply that fails half-way.
        arguments: ["ca_cert_identifier"],
      },
      { type: "aws_db_subnet_group", arn: auroraSubnetGroup(id, region, accountId).arn },
      {
        type: "aws_rds_cluster_parameter_group",
        arn: auroraClusterParameterGroup(id, region, accountId).arn,
      },
      {
        type: "aws_kms_key",
        arn: kmsKeyPattern(region, accountId),
        tagScoped: true,
        keyAliases: [auroraKeyAlias(id, region, accountId).name],
      },
      { type: "aws_kms_alias", arn: auroraKeyAlias(id, region, accountId).arn },
    ],
    references: [
      {
        iamType: "secretsmanager:Secret",
        arn: `arn:${PARTITION}:secretsmanager:${region}:${accountId}:secret:rds!cluster-*`,
        why: "with manage_master_user_password RDS creates and tags the master password's secret, named rds!cluster-<uuid>, with the caller's permissions",
      },
      {
        iamType: "rds:cluster-snapshot",
        arn: auroraFinalSnapshot(id, region, accountId).arn,
        why: "rds:DeleteDBCluster is authorized against the final snapshot it takes",
      },
    ],
    serviceLinkedRoles: [
      {
        serviceName: "rds.amazonaws.com",
        arn: `arn:${PARTITION}:iam::${accountId}:role/aws-service-role/rds.amazonaws.com/AWSServiceRoleForRDS`,
      },
    ],
  },
};
