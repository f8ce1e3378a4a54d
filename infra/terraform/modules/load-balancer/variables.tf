variable "name" {
  type = string
}

variable "vpc_id" {
  type = string
}

variable "vpc_cidr_block" {
  description = "Where the tasks live; the load balancer may only talk to them."
  type        = string
}

variable "public_subnet_ids" {
  type = list(string)
}

variable "certificate_arn" {
  description = "ACM certificate (in the stack's region) for the origin host name."
  type        = string
}

variable "deletion_protection" {
  type    = bool
  default = true
}
