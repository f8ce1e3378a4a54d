output "service_name" {
  value = aws_ecs_service.this.name
}

output "task_family" {
  value = module.task.family
}

output "task_role_name" {
  value = module.task.task_role_name
}

output "security_group_id" {
  value = aws_security_group.task.id
}

output "target_group_arn_suffix" {
  value = var.load_balancer == null ? null : aws_lb_target_group.this[0].arn_suffix
}

output "role_arns" {
  description = "The execution and task roles, which a deploy passes when it registers a revision."
  value       = [module.task.execution_role_arn, module.task.task_role_arn]
}
