variable "name" {
  type = string
}

variable "bucket_name" {
  type = string
}

variable "retention_days" {
  type    = number
  default = 35
}

variable "schedule_expression" {
  description = "When the backup task runs, e.g. cron(15 3 * * ? *) for 03:15 UTC daily."
  type        = string
}

variable "cluster_arn" {
  type = string
}

variable "task_definition_arn" {
  type = string
}

variable "task_role_arns" {
  description = "The backup task's execution and task roles, which the scheduler passes."
  type        = list(string)
}

variable "subnet_ids" {
  type = list(string)
}

variable "security_group_ids" {
  type = list(string)
}
