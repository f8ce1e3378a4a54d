variable "name" {
  description = "Task family, e.g. revolv-prod-web."
  type        = string
}

variable "container_name" {
  type = string
}

variable "image" {
  description = "Full image reference, repository URL and tag."
  type        = string
}

variable "command" {
  description = "Overrides the image's command (the migration and backup tasks)."
  type        = list(string)
  default     = null
}

variable "cpu" {
  type = number
}

variable "memory" {
  type = number
}

variable "container_port" {
  type    = number
  default = null
}

variable "environment" {
  description = "Plain configuration only; anything secret goes in `secrets`."
  type        = map(string)
  default     = {}
}

variable "secrets" {
  description = "Environment variable name → Secrets Manager ARN (optionally with :json-key::)."
  type        = map(string)
  default     = {}
}

variable "log_group_name" {
  type = string
}

variable "task_policy_json" {
  description = "What the application may do in AWS (SQS, S3 backups)."
  type        = string
  default     = null
}
