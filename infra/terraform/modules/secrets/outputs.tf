output "arns" {
  description = "Environment variable name → secret ARN, for task definitions."
  value       = { for name, secret in aws_secretsmanager_secret.this : name => secret.arn }
}
