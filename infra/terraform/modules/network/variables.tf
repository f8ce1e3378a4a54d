variable "name" {
  description = "Prefix for every resource's Name tag, e.g. revolv-prod."
  type        = string
}

variable "cidr_block" {
  description = "The VPC's address range; split into /20s (public 0–7, private 8–15)."
  type        = string
}

variable "availability_zones" {
  description = "At least two zones: the 99 % uptime target assumes a zone can fail."
  type        = list(string)

  validation {
    condition     = length(var.availability_zones) >= 2
    error_message = "availability_zones needs at least two zones."
  }
}

variable "nat_gateway_per_az" {
  description = "One NAT gateway per zone (prod) instead of one shared (dev, staging)."
  type        = bool
  default     = false
}
