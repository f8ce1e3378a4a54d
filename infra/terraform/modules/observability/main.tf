# Log groups for every task family, the SNS topic all alarms notify, and the alarms on the
# web tier. Queue alarms live with the queues (modules/sqs). Each alarm's description links
# its runbook in docs/operations.md.

resource "aws_sns_topic" "alarms" {
  name = "${var.name}-alarms"
}

resource "aws_sns_topic_subscription" "email" {
  for_each = toset(var.alarm_emails)

  topic_arn = aws_sns_topic.alarms.arn
  protocol  = "email"
  endpoint  = each.key
}

resource "aws_cloudwatch_log_group" "this" {
  for_each = toset(var.log_groups)

  name              = "/revolv/${var.name}/${each.key}"
  retention_in_days = var.log_retention_days
}

resource "aws_cloudwatch_metric_alarm" "web_5xx" {
  alarm_name          = "${var.name}-web-5xx"
  alarm_description   = "Over 1 % of web requests answered 5xx. Runbook: docs/operations.md#web-5xx"
  comparison_operator = "GreaterThanThreshold"
  threshold           = 1
  evaluation_periods  = 5
  datapoints_to_alarm = 3
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alarms.arn]
  ok_actions          = [aws_sns_topic.alarms.arn]

  metric_query {
    id          = "error_rate"
    expression  = "IF(requests > 0, 100 * errors / requests, 0)"
    label       = "5xx %"
    return_data = true
  }

  metric_query {
    id = "errors"
    metric {
      namespace   = "AWS/ApplicationELB"
      metric_name = "HTTPCode_Target_5XX_Count"
      dimensions  = { LoadBalancer = var.load_balancer_arn_suffix }
      stat        = "Sum"
      period      = 60
    }
  }

  metric_query {
    id = "requests"
    metric {
      namespace   = "AWS/ApplicationELB"
      metric_name = "RequestCount"
      dimensions  = { LoadBalancer = var.load_balancer_arn_suffix }
      stat        = "Sum"
      period      = 60
    }
  }
}

resource "aws_cloudwatch_metric_alarm" "web_unhealthy_targets" {
  alarm_name          = "${var.name}-web-unhealthy"
  alarm_description   = "A web task fails /api/health. Runbook: docs/operations.md#web-unhealthy"
  namespace           = "AWS/ApplicationELB"
  metric_name         = "UnHealthyHostCount"
  dimensions          = { LoadBalancer = var.load_balancer_arn_suffix, TargetGroup = var.web_target_group_arn_suffix }
  statistic           = "Maximum"
  period              = 60
  evaluation_periods  = 3
  threshold           = 0
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alarms.arn]
  ok_actions          = [aws_sns_topic.alarms.arn]
}

resource "aws_cloudwatch_metric_alarm" "web_latency" {
  alarm_name          = "${var.name}-web-latency"
  alarm_description   = "p95 response time over ${var.latency_p95_seconds} s. Runbook: docs/operations.md#web-latency"
  namespace           = "AWS/ApplicationELB"
  metric_name         = "TargetResponseTime"
  dimensions          = { LoadBalancer = var.load_balancer_arn_suffix }
  extended_statistic  = "p95"
  period              = 60
  evaluation_periods  = 10
  datapoints_to_alarm = 5
  threshold           = var.latency_p95_seconds
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alarms.arn]
  ok_actions          = [aws_sns_topic.alarms.arn]
}

resource "aws_cloudwatch_metric_alarm" "iot_rule_failures" {
  alarm_name          = "${var.name}-iot-rule-failures"
  alarm_description   = "The telemetry topic rule failed to deliver to SQS. Runbook: docs/operations.md#iot-rule-failures"
  namespace           = "AWS/IoT"
  metric_name         = "Failure"
  dimensions          = { RuleName = var.telemetry_rule_name }
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 0
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alarms.arn]
  ok_actions          = [aws_sns_topic.alarms.arn]
}

# The backup task's own log line ("backup complete") becomes a metric; no backup for a day
# and a half means the schedule or the task is broken.
resource "aws_cloudwatch_log_metric_filter" "backup_complete" {
  name           = "${var.name}-backup-complete"
  log_group_name = aws_cloudwatch_log_group.this["backup"].name
  pattern        = "\"backup complete\""

  metric_transformation {
    name      = "BackupsCompleted"
    namespace = "Revolv/${var.name}"
    value     = "1"
  }
}

resource "aws_cloudwatch_metric_alarm" "backup_missing" {
  alarm_name          = "${var.name}-backup-missing"
  alarm_description   = "No completed backup in 36 hours. Runbook: docs/operations.md#backup-missing"
  namespace           = "Revolv/${var.name}"
  metric_name         = "BackupsCompleted"
  statistic           = "Sum"
  period              = 21600
  evaluation_periods  = 6
  threshold           = 1
  comparison_operator = "LessThanThreshold"
  treat_missing_data  = "breaching"
  alarm_actions       = [aws_sns_topic.alarms.arn]
  ok_actions          = [aws_sns_topic.alarms.arn]
}
