import { z } from "zod";

/**
 * The SQS message body the production IoT topic rule
 * `SELECT *, topic(2) AS deviceId, timestamp() AS receivedAt FROM 'devices/+/telemetry'`
 * produces: the JSON payload's fields, then `deviceId` (the topic's second level) and
 * `receivedAt` (epoch ms). The rule's aliases win over payload fields of the same name, so
 * a device cannot claim another device's id.
 *
 * A payload that is not a JSON object is forwarded as text, unchanged, so the worker
 * dead-letters it with its reason ("not JSON") instead of the edge dropping it silently.
 * The rule does not validate the schema either; the worker is the one place that does.
 * Characters SQS refuses are left in place too: SQS decides, and the bridge dead-letters what
 * it refuses. The caller hands over valid UTF-8 only. Built by the embedded bridge for each
 * publish, and by a redrive from a rule error action's dead letter.
 */
export function iotRuleBody(deviceId: string, payload: Uint8Array, receivedAt: number): string {
  const text = new TextDecoder().decode(payload);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    // SQS refuses an empty body; an empty payload is itself what the worker will report.
    return text === "" ? "\uFFFD" : text;
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) return text;
  return JSON.stringify({ ...(parsed as Record<string, unknown>), deviceId, receivedAt });
}

/**
 * The dead letter AWS IoT Core's rule error action writes when the rule's action failed
 * (https://docs.aws.amazon.com/iot/latest/developerguide/rule-error-handling.html), and the
 * embedded bridge writes the same: the device's payload kept whole, base64, because it may be
 * exactly what SQS would not take as text.
 */
export const iotRuleErrorActionSchema = z.object({
  ruleName: z.string(),
  topic: z.string(),
  clientId: z.string().optional(),
  base64OriginalPayload: z.base64(),
  failures: z
    .array(z.object({ failedAction: z.string(), failedResource: z.string(), errorMessage: z.string() }))
    .optional(),
});
export type IotRuleErrorAction = z.infer<typeof iotRuleErrorActionSchema>;

/** The device a telemetry topic names (`devices/{id}/telemetry`), the rule's `topic(2)`. */
export function deviceIdOfTelemetryTopic(topic: string): string | undefined {
  const [root, deviceId, leaf, ...rest] = topic.split("/");
  return root === "devices" && leaf === "telemetry" && rest.length === 0 && deviceId ? deviceId : undefined;
}
