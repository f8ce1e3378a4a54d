variable "name" {
  type = string
}

variable "telemetry_queue_url" {
  type = string
}

variable "telemetry_queue_arn" {
  type = string
}

variable "log_retention_days" {
  type    = number
  default = 30
}
