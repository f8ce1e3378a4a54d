# The whole Revolv deployment for one environment: network, load balancer, CDN, the web and
# ingest services, the one-off migrate and backup tasks, queues, IoT Core, secrets,
# observability and backups. envs/<name> calls it with that environment's sizes.
#
# Postgres (Neon) and ClickHouse (ClickHouse Cloud) are managed outside AWS and come in as
# secrets: DATABASE_URL, CLICKHOUSE_URL and CLICKHOUSE_PASSWORD.

locals {
  secret_names = ["AUTH_SECRET", "DATABASE_URL", "CLICKHOUSE_URL", "CLICKHOUSE_USER", "CLICKHOUSE_PASSWORD"]
  web_image    = "${module.ecr.repository_urls["web"]}:${var.image_tag}"
  ingest_image = "${module.ecr.repository_urls["ingest"]}:${var.image_tag}"
}

data "aws_region" "current" {}

module "network" {
  source = "../network"

  name               = var.name
  cidr_block         = var.cidr_block
  availability_zones = var.availability_zones
  nat_gateway_per_az = var.nat_gateway_per_az
}

module "load_balancer" {
  source = "../load-balancer"

  name                = var.name
  vpc_id              = module.network.vpc_id
  vpc_cidr_block      = var.cidr_block
  public_subnet_ids   = module.network.public_subnet_ids
  certificate_arn     = var.origin_certificate_arn
  deletion_protection = var.deletion_protection
}

module "cdn" {
  source = "../cdn"

  name               = var.name
  origin_domain_name = var.origin_domain_name
  aliases            = [var.app_domain_name]
  certificate_arn    = var.cdn_certificate_arn
}

module "ecr" {
  source = "../ecr"

  name         = var.name
  repositories = ["web", "ingest"]
}

module "ecs_cluster" {
  source = "../ecs-cluster"

  name = var.name
}

module "secrets" {
  source = "../secrets"

  name         = "revolv/${var.environment}"
  secret_names = local.secret_names
}

module "observability" {
  source = "../observability"

  name                        = var.name
  log_groups                  = ["web", "ingest", "migrate", "backup"]
  log_retention_days          = var.log_retention_days
  alarm_emails                = var.alarm_emails
  load_balancer_arn_suffix    = module.load_balancer.arn_suffix
  web_target_group_arn_suffix = module.web.target_group_arn_suffix
  telemetry_rule_name         = module.iot.telemetry_rule_name
}

module "telemetry_queue" {
  source = "../sqs"

  name                      = "${var.name}-telemetry"
  message_retention_seconds = var.queue_retention_seconds
  alarm_topic_arn           = module.observability.alarm_topic_arn
}

module "iot" {
  source = "../iot"

  name                = var.name
  telemetry_queue_url = module.telemetry_queue.queue_url
  telemetry_queue_arn = module.telemetry_queue.queue_arn
  log_retention_days  = var.log_retention_days
}

# The pipeline page, and nothing more (packages/api/src/pipeline/sqs-access.ts; infra-checks
# compares): it reads the telemetry queue's depth and sends redriven messages to it, but never
# consumes it; it reads the dead-letter queue by receiving under a hold and releasing, and
# deletes what it redrives or purges.
data "aws_iam_policy_document" "web" {
  statement {
    actions   = ["sqs:GetQueueAttributes", "sqs:SendMessage"]
    resources = [module.telemetry_queue.queue_arn]
  }
  statement {
    actions = [
      "sqs:GetQueueAttributes", "sqs:ReceiveMessage", "sqs:ChangeMessageVisibility", "sqs:DeleteMessage",
    ]
    resources = [module.telemetry_queue.dead_letter_queue_arn]
  }
}

module "web" {
  source = "../ecs-service"

  name           = "${var.name}-web"
  container_name = "web"
  cluster_arn    = module.ecs_cluster.arn
  cluster_name   = module.ecs_cluster.name
  vpc_id         = module.network.vpc_id
  subnet_ids     = module.network.private_subnet_ids
  image          = local.web_image
  cpu            = var.web.cpu
  memory         = var.web.memory
  min_count      = var.web.min_count
  max_count      = var.web.max_count
  container_port = 3000
  log_group_name = module.observability.log_group_names["web"]

  environment = {
    NODE_ENV      = "production"
    PORT          = "3000"
    HOSTNAME      = "0.0.0.0"
    NEXTAUTH_URL  = "https://${var.app_domain_name}"
    TRUST_PROXY   = "1"
    REGISTRATION  = var.registration
    AWS_REGION    = data.aws_region.current.region
    SQS_QUEUE_URL = module.telemetry_queue.queue_url
    SQS_DLQ_URL   = module.telemetry_queue.dead_letter_queue_url
  }
  secrets          = module.secrets.arns
  task_policy_json = data.aws_iam_policy_document.web.json

  load_balancer = {
    listener_arn      = module.load_balancer.https_listener_arn
    security_group_id = module.load_balancer.security_group_id
    arn_suffix        = module.load_balancer.arn_suffix
    path_patterns     = ["/*"]
    priority          = 100
  }

  scaling = {
    cpu_target          = 60
    requests_per_target = var.web.requests_per_target
  }
}

data "aws_iam_policy_document" "ingest" {
  statement {
    actions = [
      "sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:ChangeMessageVisibility",
      "sqs:GetQueueAttributes",
    ]
    resources = [module.telemetry_queue.queue_arn]
  }
  # The worker dead-letters a message it can never store, with its reason.
  statement {
    actions   = ["sqs:SendMessage"]
    resources = [module.telemetry_queue.dead_letter_queue_arn]
  }
}

module "ingest" {
  source = "../ecs-service"

  name           = "${var.name}-ingest"
  container_name = "ingest"
  cluster_arn    = module.ecs_cluster.arn
  cluster_name   = module.ecs_cluster.name
  vpc_id         = module.network.vpc_id
  subnet_ids     = module.network.private_subnet_ids
  image          = local.ingest_image
  cpu            = var.worker.cpu
  memory         = var.worker.memory
  min_count      = var.worker.min_count
  max_count      = var.worker.max_count
  log_group_name = module.observability.log_group_names["ingest"]

  environment = {
    NODE_ENV      = "production"
    AWS_REGION    = data.aws_region.current.region
    SQS_QUEUE_URL = module.telemetry_queue.queue_url
    SQS_DLQ_URL   = module.telemetry_queue.dead_letter_queue_url
  }
  secrets          = module.secrets.arns
  task_policy_json = data.aws_iam_policy_document.ingest.json

  scaling = {
    queue_name       = module.telemetry_queue.queue_name
    backlog_per_task = var.worker.backlog_per_task
  }
}

# Run by the deploy workflow before each rolling update, never by the services themselves,
# so two instances never race through the same DDL.
module "migrate_task" {
  source = "../ecs-task"

  name           = "${var.name}-migrate"
  container_name = "migrate"
  image          = local.ingest_image
  command        = var.migrate_command
  cpu            = 512
  memory         = 1024
  environment    = { NODE_ENV = "production" }
  secrets        = module.secrets.arns
  log_group_name = module.observability.log_group_names["migrate"]
}

data "aws_iam_policy_document" "backup" {
  statement {
    actions   = ["s3:PutObject", "s3:GetObject", "s3:ListBucket", "s3:AbortMultipartUpload"]
    resources = [module.backup.bucket_arn, "${module.backup.bucket_arn}/*"]
  }
}

module "backup_task" {
  source = "../ecs-task"

  name           = "${var.name}-backup"
  container_name = "backup"
  image          = local.ingest_image
  command        = var.backup_command
  cpu            = 1024
  memory         = 2048
  environment = {
    NODE_ENV      = "production"
    AWS_REGION    = data.aws_region.current.region
    BACKUP_TARGET = "s3://${var.backup_bucket_name}/${var.environment}"
  }
  secrets          = module.secrets.arns
  task_policy_json = data.aws_iam_policy_document.backup.json
  log_group_name   = module.observability.log_group_names["backup"]
}

module "backup" {
  source = "../backup"

  name                = var.name
  bucket_name         = var.backup_bucket_name
  retention_days      = var.backup_retention_days
  schedule_expression = var.backup_schedule
  cluster_arn         = module.ecs_cluster.arn
  task_definition_arn = module.backup_task.task_definition_arn
  task_role_arns      = [module.backup_task.execution_role_arn, module.backup_task.task_role_arn]
  subnet_ids          = module.network.private_subnet_ids
  security_group_ids  = [module.ingest.security_group_id]
}

module "deploy_role" {
  source = "../deploy-role"

  name                        = var.name
  create_oidc_provider        = var.create_github_oidc_provider
  github_repository           = var.github_repository
  github_environment          = var.github_environment
  ecr_repository_arns         = values(module.ecr.repository_arns)
  cloudfront_distribution_arn = module.cdn.distribution_arn
  task_role_arns = concat(
    module.web.role_arns, module.ingest.role_arns,
    module.migrate_task.role_arns, module.backup_task.role_arns,
  )
}
