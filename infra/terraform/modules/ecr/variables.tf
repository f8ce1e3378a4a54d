variable "name" {
  description = "Repository prefix, e.g. revolv."
  type        = string
}

variable "repositories" {
  description = "Image names: web, ingest."
  type        = list(string)
}

variable "keep_images" {
  type    = number
  default = 30
}
