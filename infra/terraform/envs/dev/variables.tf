variable "region" {
  type = string
}

variable "app_domain_name" {
  type = string
}

variable "origin_domain_name" {
  type = string
}

variable "origin_certificate_arn" {
  type = string
}

variable "cdn_certificate_arn" {
  type = string
}

variable "github_repository" {
  type = string
}

variable "alarm_emails" {
  type = list(string)
}

variable "backup_bucket_name" {
  type = string
}

variable "image_tag" {
  description = "The first apply needs an image that exists in ECR; later deploys register newer revisions."
  type        = string
  default     = "bootstrap"
}
