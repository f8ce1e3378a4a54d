output "json" {
  description = "The policy document, minified."
  value       = jsonencode(jsondecode(local.document))
}
