variable "name" {
  type = string
}

variable "create_oidc_provider" {
  description = "The GitHub OIDC provider exists once per AWS account: create it in one environment only."
  type        = bool
}

variable "github_repository" {
  description = "owner/name of the repository whose workflows deploy."
  type        = string
}

variable "github_environment" {
  description = "The GitHub environment the deploy job runs in: staging or production."
  type        = string
}

variable "ecr_repository_arns" {
  type = list(string)
}

variable "task_role_arns" {
  type = list(string)
}

variable "cloudfront_distribution_arn" {
  type = string
}
