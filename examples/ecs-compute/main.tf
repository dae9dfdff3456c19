provider "aws" {
  region = var.region
}

data "aws_caller_identity" "current" {}

data "aws_partition" "current" {}

locals {
  # Every name starts with <environment_name>-<ecs_workload_name>, exactly as the ecs_compute deploy
  # policy scopes them (lib/naming/ecs-compute.ts); roles and policies keep the default path "/".
  prefix     = "${var.environment_name}-${var.ecs_workload_name}"
  account_id = data.aws_caller_identity.current.account_id
  partition  = data.aws_partition.current.partition
  families   = toset(var.ecs_task_families)

  # Environment last: no input overrides the tag the deploy policy scopes by.
  tags = merge(var.tags, { Environment = var.environment_name })
}

################################################################################
# Network: a VPC, one private subnet and the tasks' security group, so that the example runs on its
# own. Outside the ecs_compute deploy policy (see README).
################################################################################

data "aws_availability_zones" "available" {
  state = "available"
}

resource "aws_vpc" "this" {
  cidr_block           = var.vpc_cidr
  enable_dns_support   = true
  enable_dns_hostnames = true

  tags = merge(local.tags, { Name = local.prefix })
}

resource "aws_subnet" "tasks" {
  vpc_id            = aws_vpc.this.id
  cidr_block        = cidrsubnet(var.vpc_cidr, 8, 0)
  availability_zone = data.aws_availability_zones.available.names[0]

  tags = merge(local.tags, { Name = "${local.prefix}-tasks" })
}

# No ingress; egress HTTPS only (image pulls, AWS APIs).
resource "aws_security_group" "tasks" {
  name        = "${local.prefix}-tasks"
  description = "ECS tasks of ${local.prefix}: HTTPS out, nothing in"
  vpc_id      = aws_vpc.this.id

  egress {
    description = "HTTPS"
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }

  tags = local.tags
}

################################################################################
# ECS cluster and log groups
################################################################################

resource "aws_ecs_cluster" "this" {
  name = "${local.prefix}-compute-cluster-${var.region}"

  tags = local.tags
}

resource "aws_cloudwatch_log_group" "task" {
  for_each = local.families

  name              = "/${local.prefix}/ecs-${each.key}"
  retention_in_days = var.log_retention_days

  tags = local.tags
}

################################################################################
# Roles: one execution role (pulls images, writes logs) and one task role per family, each with its
# own customer managed policy <role name>-policy
################################################################################

locals {
  # ECS tasks of this account only may assume the roles (confused deputy).
  ecs_tasks_trust_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "ecs-tasks.amazonaws.com" }
      Action    = "sts:AssumeRole"
      Condition = { StringEquals = { "aws:SourceAccount" = local.account_id } }
    }]
  })
}

resource "aws_iam_role" "execution" {
  name                 = "${local.prefix}-ecs-execution-role"
  description          = "ECS task execution role of ${local.prefix}"
  assume_role_policy   = local.ecs_tasks_trust_policy
  permissions_boundary = var.ecs_role_permissions_boundary_arn

  tags = local.tags
}

resource "aws_iam_policy" "execution" {
  name        = "${aws_iam_role.execution.name}-policy"
  description = "Lets the ECS agent of ${local.prefix} write the tasks' logs"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid      = "WriteTaskLogs"
      Effect   = "Allow"
      Action   = ["logs:CreateLogStream", "logs:PutLogEvents"]
      Resource = flatten([for group in aws_cloudwatch_log_group.task : [group.arn, "${group.arn}:*"]])
    }]
  })

  tags = local.tags
}

resource "aws_iam_role_policy_attachment" "execution" {
  role       = aws_iam_role.execution.name
  policy_arn = aws_iam_policy.execution.arn
}

resource "aws_iam_role" "task" {
  for_each = local.families

  name                 = "${local.prefix}-task-${each.key}-role"
  description          = "Role of the ${each.key} tasks of ${local.prefix}"
  assume_role_policy   = local.ecs_tasks_trust_policy
  permissions_boundary = var.ecs_role_permissions_boundary_arn

  tags = local.tags
}

# Each family reads its own prefix of the workload's artifacts buckets (<prefix>-artifacts-*).
resource "aws_iam_policy" "task" {
  for_each = local.families

  name        = "${aws_iam_role.task[each.key].name}-policy"
  description = "Lets the ${each.key} tasks of ${local.prefix} read their artifacts"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "ListOwnArtifacts"
        Effect    = "Allow"
        Action    = "s3:ListBucket"
        Resource  = "arn:${local.partition}:s3:::${local.prefix}-artifacts-*"
        Condition = { StringLike = { "s3:prefix" = ["${each.key}/*"] } }
      },
      {
        Sid      = "ReadOwnArtifacts"
        Effect   = "Allow"
        Action   = "s3:GetObject"
        Resource = "arn:${local.partition}:s3:::${local.prefix}-artifacts-*/${each.key}/*"
      },
    ]
  })

  tags = local.tags
}

resource "aws_iam_role_policy_attachment" "task" {
  for_each = local.families

  role       = aws_iam_role.task[each.key].name
  policy_arn = aws_iam_policy.task[each.key].arn
}

################################################################################
# Task definitions (one per family) and the service
################################################################################

resource "aws_ecs_task_definition" "this" {
  for_each = local.families

  family                   = "${var.environment_name}-${each.key}"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = "256"
  memory                   = "512"
  execution_role_arn       = aws_iam_role.execution.arn
  task_role_arn            = aws_iam_role.task[each.key].arn

  container_definitions = jsonencode([{
    name                   = each.key
    image                  = var.container_image
    essential              = true
    readonlyRootFilesystem = true
    command                = ["python", "-c", "print('${each.key} task of ${local.prefix}')"]
    logConfiguration = {
      logDriver = "awslogs"
      options = {
        awslogs-group         = aws_cloudwatch_log_group.task[each.key].name
        awslogs-region        = var.region
        awslogs-stream-prefix = each.key
      }
    }
  }])

  tags = local.tags
}

resource "aws_ecs_service" "this" {
  name            = "${local.prefix}-${var.service_family}"
  cluster         = aws_ecs_cluster.this.arn
  task_definition = aws_ecs_task_definition.this[var.service_family].arn
  desired_count   = var.service_desired_count
  launch_type     = "FARGATE"

  network_configuration {
    subnets          = [aws_subnet.tasks.id]
    security_groups  = [aws_security_group.tasks.id]
    assign_public_ip = false
  }

  tags = local.tags
}
