import { auroraClusterIdentifier } from "../../lib/naming/aurora";
import { auroraClusterProfile } from "../../lib/permissions/profiles/aurora-cluster";
import { describeExampleLifecycle, MOTO_ACCOUNT_ID, NEW_TAGS } from "../examples/example-lifecycle";

/**
 * examples/aurora-cluster through its whole life cycle with the real provider against moto. The
 * update lifts deletion protection (so that destroy can run, as the README tells a user) and
 * changes the backup retention, together with the tags.
 */
describeExampleLifecycle({
  example: "aurora-cluster",
  profile: auroraClusterProfile,
  params: {
    partition: "aws",
    region: "eu-west-1",
    account_id: MOTO_ACCOUNT_ID,
    environment_name: "tz",
    aurora_cluster_identifier: auroraClusterIdentifier("tz"),
  },
  update: { tags: NEW_TAGS, backup_retention_period: 14, deletion_protection: false },
  updatedSettings: [
    "aws_rds_cluster.this backup_retention_period",
    "aws_rds_cluster.this deletion_protection",
  ],
});
