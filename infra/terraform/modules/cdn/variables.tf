variable "name" {
  type = string
}

variable "origin_domain_name" {
  description = "The load balancer's host name covered by its certificate."
  type        = string
}

variable "aliases" {
  description = "Public host names, e.g. app.revolv.example."
  type        = list(string)
}

variable "certificate_arn" {
  description = "ACM certificate in us-east-1 (CloudFront's region) for the aliases."
  type        = string
}

variable "price_class" {
  type    = string
  default = "PriceClass_100"
}
