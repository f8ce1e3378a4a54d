variable "name" {
  type = string
}

variable "visibility_timeout_seconds" {
  description = "Longer than the worker's batch flush plus the ClickHouse insert."
  type        = number
  default     = 60
}

variable "message_retention_seconds" {
  description = "How long devices' data may wait for the worker (max 14 days)."
  type        = number
  default     = 345600
}

variable "max_receive_count" {
  type    = number
  default = 5
}

variable "max_message_age_seconds" {
  type    = number
  default = 300
}

variable "alarm_topic_arn" {
  type = string
}
