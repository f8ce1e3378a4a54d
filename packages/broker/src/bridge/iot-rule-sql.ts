/**
 * The production IoT topic rule that feeds SQS. `iotRuleBody` produces exactly the body this
 * rule produces, and infra/terraform's `aws_iot_topic_rule.telemetry` must carry this text
 * verbatim (tooling/infra-checks compares the two), so development and production hand the
 * worker the same message.
 */
export const telemetryTopicRuleSql =
  "SELECT *, topic(2) AS deviceId, timestamp() AS receivedAt FROM 'devices/+/telemetry'";
