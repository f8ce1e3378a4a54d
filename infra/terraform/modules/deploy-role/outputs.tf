output "role_arn" {
  description = "AWS_DEPLOY_ROLE_ARN of the GitHub environment."
  value       = aws_iam_role.deploy.arn
}
