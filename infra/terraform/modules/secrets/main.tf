# The secrets the services read at start. Only the containers are declared here: values are
# put by an operator (`aws secretsmanager put-secret-value`, docs/operations.md), so no value
# is ever in HCL, in a plan or in the Terraform state.

resource "aws_secretsmanager_secret" "this" {
  for_each = toset(var.secret_names)

  name                    = "${var.name}/${each.key}"
  description             = "${each.key} for ${var.name}"
  recovery_window_in_days = var.recovery_window_in_days
}
