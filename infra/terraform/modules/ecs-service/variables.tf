variable "name" {
  type = string
}

variable "container_name" {
  type = string
}

variable "cluster_arn" {
  type = string
}

variable "cluster_name" {
  type = string
}

variable "vpc_id" {
  type = string
}

variable "subnet_ids" {
  description = "Private subnets in at least two zones."
  type        = list(string)
}

variable "image" {
  type = string
}

variable "command" {
  type    = list(string)
  default = null
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
  type    = map(string)
  default = {}
}

variable "secrets" {
  type    = map(string)
  default = {}
}

variable "log_group_name" {
  type = string
}

variable "task_policy_json" {
  type    = string
  default = null
}

variable "health_check_path" {
  type    = string
  default = "/api/health"
}

variable "load_balancer" {
  description = "Where the service takes traffic; null for the worker."
  type = object({
    listener_arn      = string
    security_group_id = string
    arn_suffix        = string
    path_patterns     = list(string)
    priority          = number
  })
  default = null
}

variable "min_count" {
  description = "Never below 2 for a service behind the load balancer: one task per zone."
  type        = number
}

variable "max_count" {
  type = number
}

variable "scaling" {
  description = "Targets to track: cpu_target and requests_per_target (web), queue_name and backlog_per_task (worker)."
  type = object({
    cpu_target          = optional(number)
    requests_per_target = optional(number)
    queue_name          = optional(string)
    backlog_per_task    = optional(number)
  })
}
