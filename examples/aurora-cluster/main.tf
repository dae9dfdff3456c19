provider "aws" {
  region = var.region
}

locals {
  # Every name comes from the cluster identifier, exactly as the aurora_cluster deploy policy
  # scopes them (lib/naming/aurora.ts): <environment_name>-aurora, -instance-N, -subnets, -params,
  # -final and alias/<environment_name>-aurora.
  cluster_identifier = "${var.environment_name}-aurora"

  # Environment last: the deploy policy creates the KMS key only with this tag, so no input overrides it.
  tags = merge(var.tags, { Environment = var.environment_name })
}

################################################################################
# Network: a VPC and two private subnets in two availability zones, so that the example runs on its
# own. Outside the aurora_cluster deploy policy (see README).
################################################################################

data "aws_availability_zones" "available" {
  state = "available"
}

resource "aws_vpc" "this" {
  cidr_block           = var.vpc_cidr
  enable_dns_support   = true
  enable_dns_hostnames = true

  tags = merge(local.tags, { Name = local.cluster_identifier })
}

resource "aws_subnet" "database" {
  count = 2

  vpc_id            = aws_vpc.this.id
  cidr_block        = cidrsubnet(var.vpc_cidr, 8, count.index)
  availability_zone = data.aws_availability_zones.available.names[count.index]

  tags = merge(local.tags, { Name = "${local.cluster_identifier}-db-${count.index + 1}" })
}

# PostgreSQL from inside the VPC only. No egress rule: Terraform removes the default allow-all one.
resource "aws_security_group" "this" {
  name        = "${local.cluster_identifier}-db"
  description = "Aurora PostgreSQL ${local.cluster_identifier}: port 5432 from the VPC only"
  vpc_id      = aws_vpc.this.id

  ingress {
    description = "PostgreSQL from the VPC"
    from_port   = 5432
    to_port     = 5432
    protocol    = "tcp"
    cidr_blocks = [var.vpc_cidr]
  }

  tags = local.tags
}

################################################################################
# Aurora: subnet group, cluster parameter group, KMS key, cluster and instances
################################################################################

resource "aws_db_subnet_group" "this" {
  name        = "${local.cluster_identifier}-subnets"
  description = "Subnets of Aurora cluster ${local.cluster_identifier}"
  subnet_ids  = aws_subnet.database[*].id

  tags = local.tags
}

resource "aws_rds_cluster_parameter_group" "this" {
  name        = "${local.cluster_identifier}-params"
  family      = "aurora-postgresql16"
  description = "Cluster parameters of ${local.cluster_identifier}: TLS only"

  parameter {
    name  = "rds.force_ssl"
    value = "1"
  }

  tags = local.tags
}

# The cluster's own key: storage and snapshots are encrypted with a key only this cluster uses.
resource "aws_kms_key" "this" {
  description             = "Aurora cluster ${local.cluster_identifier}"
  enable_key_rotation     = true
  deletion_window_in_days = 7

  tags = local.tags
}

resource "aws_kms_alias" "this" {
  name          = "alias/${local.cluster_identifier}"
  target_key_id = aws_kms_key.this.key_id
}

resource "aws_rds_cluster" "this" {
  cluster_identifier              = local.cluster_identifier
  engine                          = "aurora-postgresql"
  engine_version                  = var.engine_version
  master_username                 = "dbadmin"
  manage_master_user_password     = true
  db_subnet_group_name            = aws_db_subnet_group.this.name
  db_cluster_parameter_group_name = aws_rds_cluster_parameter_group.this.name
  vpc_security_group_ids          = [aws_security_group.this.id]
  storage_encrypted               = true
  kms_key_id                      = aws_kms_key.this.arn
  backup_retention_period         = var.backup_retention_period
  copy_tags_to_snapshot           = true
  deletion_protection             = var.deletion_protection
  final_snapshot_identifier       = "${local.cluster_identifier}-final"
  apply_immediately               = true

  tags = local.tags
}

resource "aws_rds_cluster_instance" "this" {
  count = var.instance_count

  identifier           = "${local.cluster_identifier}-instance-${count.index + 1}"
  cluster_identifier   = aws_rds_cluster.this.id
  engine               = aws_rds_cluster.this.engine
  engine_version       = aws_rds_cluster.this.engine_version
  instance_class       = var.instance_class
  db_subnet_group_name = aws_db_subnet_group.this.name
  publicly_accessible  = false
  apply_immediately    = true

  tags = local.tags
}
