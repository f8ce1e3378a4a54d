variable "name" {
  description = "Path prefix, e.g. revolv/prod."
  type        = string
}

variable "secret_names" {
  description = "Environment variable names: AUTH_SECRET, DATABASE_URL, CLICKHOUSE_URL, CLICKHOUSE_PASSWORD."
  type        = list(string)
}

variable "recovery_window_in_days" {
  type    = number
  default = 30
}
