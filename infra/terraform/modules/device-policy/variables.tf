variable "region" {
  type = string
}

variable "account_id" {
  type = string

  validation {
    condition     = can(regex("^[0-9]{12}$", var.account_id))
    error_message = "account_id is the 12-digit AWS account id."
  }
}

variable "topic_root" {
  description = "First level of every device topic (devices/<id>/telemetry)."
  type        = string
  default     = "devices"
}
