/**
 * The production IoT topic rule that feeds SQS. `iotRuleBody` produces exactly the body this
 * rule produces, and infra/terraform's `aws_iot_topic_rule.telemetry` must carry this text
 * verbatim (tooling/infra-checks compares the two), so development and production hand the
 * worker the same message.
 */
export const telemetryTopicRuleSql =
  "SELECT *, topic(2) AS deviceId, timestamp() AS receivedAt FROM 'devices/+/telemetry'";

/**
 * The second topic rule: AWS IoT Core's connect and disconnect events, whole, onto the same
 * queue (`aws_iot_topic_rule.lifecycle`, compared by tooling/infra-checks too). The worker
 * tells them from telemetry by their `eventType`. The embedded broker sends the same body
 * (`mqtt/lifecycle.ts`).
 */
export const lifecycleTopicRuleSql = "SELECT * FROM '$aws/events/presence/+/+'";
