# What .github/workflows/deploy.yml needs, per environment (stored as GitHub environment
# variables after the first apply).
output "deploy" {
  value = {
    cluster                 = module.ecs_cluster.name
    web_service             = module.web.service_name
    ingest_service          = module.ingest.service_name
    web_task_family         = module.web.task_family
    ingest_task_family      = module.ingest.task_family
    migrate_task_family     = module.migrate_task.family
    backup_task_family      = module.backup_task.family
    subnets                 = join(",", module.network.private_subnet_ids)
    task_security_group     = module.ingest.security_group_id
    ecr_web                 = module.ecr.repository_urls["web"]
    ecr_ingest              = module.ecr.repository_urls["ingest"]
    cloudfront_distribution = module.cdn.distribution_id
  }
}

output "load_balancer_dns_name" {
  value = module.load_balancer.dns_name
}

output "cdn_domain_name" {
  value = module.cdn.domain_name
}

output "deploy_role_arn" {
  value = module.deploy_role.role_arn
}
