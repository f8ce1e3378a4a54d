# AWS IoT Core: the thing type every device is created with, the device policy, and the two
# topic rules that feed the one ingest queue. Their SQL is what the embedded edge reproduces
# (packages/broker, `telemetryTopicRuleSql` and `lifecycleTopicRuleSql`); a check in pnpm test
# keeps them equal, so the worker sees the same message bodies in development and production.

data "aws_caller_identity" "current" {}
data "aws_region" "current" {}

resource "aws_iot_thing_type" "device" {
  name = "${var.name}-device"

  properties {
    description           = "A Revolv RVM or Soundbox; the thing name is the device id."
    searchable_attributes = ["kind"]
  }
}

module "device_policy" {
  source = "../device-policy"

  region     = data.aws_region.current.region
  account_id = data.aws_caller_identity.current.account_id
}

resource "aws_iot_policy" "device" {
  name   = "${var.name}-device"
  policy = module.device_policy.json
}

data "aws_iam_policy_document" "iot_assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["iot.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "rules" {
  name               = "${var.name}-iot-rules"
  assume_role_policy = data.aws_iam_policy_document.iot_assume.json
}

data "aws_iam_policy_document" "rules" {
  statement {
    actions   = ["sqs:SendMessage"]
    resources = [var.telemetry_queue_arn]
  }
  statement {
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.rule_errors.arn}:*"]
  }
}

resource "aws_iam_role_policy" "rules" {
  name   = "send-to-queues"
  role   = aws_iam_role.rules.id
  policy = data.aws_iam_policy_document.rules.json
}

# What a rule could not deliver (SQS throttled, queue deleted) lands here with the reason;
# the observability module alarms on IoT's RuleMessageThrottled/Failure metrics.
resource "aws_cloudwatch_log_group" "rule_errors" {
  name              = "/revolv/${var.name}/iot-rule-errors"
  retention_in_days = var.log_retention_days
}

resource "aws_iot_topic_rule" "telemetry" {
  name        = replace("${var.name}_telemetry", "-", "_")
  description = "Device telemetry to the ingest queue"
  enabled     = true
  sql         = "SELECT *, topic(2) AS deviceId, timestamp() AS receivedAt FROM 'devices/+/telemetry'"
  sql_version = "2016-03-23"

  sqs {
    queue_url  = var.telemetry_queue_url
    role_arn   = aws_iam_role.rules.arn
    use_base64 = false
  }

  error_action {
    cloudwatch_logs {
      log_group_name = aws_cloudwatch_log_group.rule_errors.name
      role_arn       = aws_iam_role.rules.arn
    }
  }
}

# Connect/disconnect events, whole (AWS's lifecycle event body), onto the ingest queue: the
# worker tells them from telemetry by their eventType and stores them as device events.
# They are few (one per connection) beside telemetry, so sharing the queue delays nothing.
resource "aws_iot_topic_rule" "lifecycle" {
  name        = replace("${var.name}_lifecycle", "-", "_")
  description = "Device connect and disconnect events to the ingest queue"
  enabled     = true
  sql         = "SELECT * FROM '$aws/events/presence/+/+'"
  sql_version = "2016-03-23"

  sqs {
    queue_url  = var.telemetry_queue_url
    role_arn   = aws_iam_role.rules.arn
    use_base64 = false
  }

  error_action {
    cloudwatch_logs {
      log_group_name = aws_cloudwatch_log_group.rule_errors.name
      role_arn       = aws_iam_role.rules.arn
    }
  }
}
