variable "name" {
  description = "Resource prefix, e.g. revolv-prod."
  type        = string
}

variable "environment" {
  description = "dev, staging or prod."
  type        = string

  validation {
    condition     = contains(["dev", "staging", "prod"], var.environment)
    error_message = "environment is dev, staging or prod."
  }
}

variable "cidr_block" {
  type = string
}

variable "availability_zones" {
  type = list(string)
}

variable "nat_gateway_per_az" {
  type = bool
}

variable "app_domain_name" {
  description = "Public host name staff open, served by CloudFront."
  type        = string
}

variable "origin_domain_name" {
  description = "The load balancer's host name (a DNS record pointing at it)."
  type        = string
}

variable "origin_certificate_arn" {
  type = string
}

variable "cdn_certificate_arn" {
  type = string
}

variable "image_tag" {
  description = "Image tag the task definitions start from; deploys register newer revisions."
  type        = string
}

variable "registration" {
  type    = string
  default = "invite"
}

variable "web" {
  type = object({
    cpu                 = number
    memory              = number
    min_count           = number
    max_count           = number
    requests_per_target = number
  })

  validation {
    condition     = var.web.min_count >= 2
    error_message = "web.min_count must be at least 2: one task per availability zone."
  }
}

variable "worker" {
  type = object({
    cpu              = number
    memory           = number
    min_count        = number
    max_count        = number
    backlog_per_task = number
  })
}

variable "migrate_command" {
  description = "The ingest image's command that applies the Postgres and ClickHouse migrations."
  type        = list(string)
}

variable "backup_command" {
  description = "The ingest image's command that takes a backup to BACKUP_TARGET."
  type        = list(string)
}

variable "queue_retention_seconds" {
  type = number
}

variable "log_retention_days" {
  type = number
}

variable "alarm_emails" {
  type = list(string)
}

variable "backup_bucket_name" {
  type = string
}

variable "backup_schedule" {
  type = string
}

variable "backup_retention_days" {
  type = number
}

variable "deletion_protection" {
  type = bool
}

variable "github_repository" {
  type = string
}

variable "github_environment" {
  type = string
}

variable "create_github_oidc_provider" {
  type = bool
}
