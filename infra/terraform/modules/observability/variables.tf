variable "name" {
  type = string
}

variable "log_groups" {
  description = "One per task family: web, ingest, migrate, backup."
  type        = list(string)

  validation {
    condition     = contains(var.log_groups, "backup")
    error_message = "log_groups must include backup (the backup alarm reads it)."
  }
}

variable "log_retention_days" {
  type    = number
  default = 30
}

variable "alarm_emails" {
  type    = list(string)
  default = []
}

variable "load_balancer_arn_suffix" {
  type = string
}

variable "web_target_group_arn_suffix" {
  type = string
}

variable "telemetry_rule_name" {
  type = string
}

variable "latency_p95_seconds" {
  type    = number
  default = 1
}
