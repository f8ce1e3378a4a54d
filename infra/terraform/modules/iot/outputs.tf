output "thing_type_name" {
  value = aws_iot_thing_type.device.name
}

output "device_policy_name" {
  value = aws_iot_policy.device.name
}

output "telemetry_rule_name" {
  value = aws_iot_topic_rule.telemetry.name
}
