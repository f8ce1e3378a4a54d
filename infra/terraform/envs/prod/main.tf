# prod: a NAT gateway per zone, 14 days of queue buffer, deletion protection.

module "platform" {
  source = "../../modules/platform"

  name               = "revolv-prod"
  environment        = "prod"
  cidr_block         = "10.30.0.0/16"
  availability_zones = ["${var.region}a", "${var.region}b"]
  nat_gateway_per_az = true

  app_domain_name        = var.app_domain_name
  origin_domain_name     = var.origin_domain_name
  origin_certificate_arn = var.origin_certificate_arn
  cdn_certificate_arn    = var.cdn_certificate_arn
  image_tag              = var.image_tag

  web    = { cpu = 1024, memory = 2048, min_count = 2, max_count = 12, requests_per_target = 1000 }
  worker = { cpu = 2048, memory = 4096, min_count = 2, max_count = 16, backlog_per_task = 10000 }

  migrate_command = ["node", "--import", "tsx", "src/migrate.ts"]
  backup_command  = ["node", "--import", "tsx", "src/backup.ts"]

  queue_retention_seconds = 1209600
  log_retention_days      = 90
  alarm_emails            = var.alarm_emails
  backup_bucket_name      = var.backup_bucket_name
  backup_schedule         = "cron(15 */6 * * ? *)"
  backup_retention_days   = 35
  deletion_protection     = true

  github_repository           = var.github_repository
  github_environment          = "production"
  create_github_oidc_provider = true
}

output "deploy" {
  value = module.platform.deploy
}

output "deploy_role_arn" {
  value = module.platform.deploy_role_arn
}
