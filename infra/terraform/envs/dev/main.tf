# dev: smallest sizes, one NAT gateway, short retention.

module "platform" {
  source = "../../modules/platform"

  name               = "revolv-dev"
  environment        = "dev"
  cidr_block         = "10.10.0.0/16"
  availability_zones = ["${var.region}a", "${var.region}b"]
  nat_gateway_per_az = false

  app_domain_name        = var.app_domain_name
  origin_domain_name     = var.origin_domain_name
  origin_certificate_arn = var.origin_certificate_arn
  cdn_certificate_arn    = var.cdn_certificate_arn
  image_tag              = var.image_tag

  web    = { cpu = 512, memory = 1024, min_count = 2, max_count = 3, requests_per_target = 500 }
  worker = { cpu = 512, memory = 1024, min_count = 1, max_count = 2, backlog_per_task = 5000 }

  migrate_command = ["node", "--import", "tsx", "src/migrate.ts"]
  backup_command  = ["node", "--import", "tsx", "src/backup.ts"]

  queue_retention_seconds = 345600
  log_retention_days      = 14
  alarm_emails            = var.alarm_emails
  backup_bucket_name      = var.backup_bucket_name
  backup_schedule         = "cron(15 3 * * ? *)"
  backup_retention_days   = 7
  deletion_protection     = false

  github_repository           = var.github_repository
  github_environment          = "dev"
  create_github_oidc_provider = true
}

output "deploy" {
  value = module.platform.deploy
}

output "deploy_role_arn" {
  value = module.platform.deploy_role_arn
}
