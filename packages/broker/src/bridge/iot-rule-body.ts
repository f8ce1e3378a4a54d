/**
 * The SQS body the production IoT topic rule
 * `SELECT *, topic(2) AS deviceId, timestamp() AS receivedAt FROM 'devices/+/telemetry'`
 * produces: the JSON payload's fields, then `deviceId` (the topic's second level) and
 * `receivedAt` (epoch ms). The rule's aliases win over payload fields of the same name, so
 * a device cannot claim another device's id.
 *
 * A payload that is not a JSON object is forwarded as text, unchanged, so the worker
 * dead-letters it with its reason ("not JSON") instead of the edge dropping it silently.
 * The rule does not validate the schema either; the worker is the one place that does.
 * Characters SQS refuses are left in place too: SQS decides, and the bridge dead-letters what
 * it refuses (`telemetry-bridge.ts`). The caller hands over valid UTF-8 only.
 */
export function iotRuleBody(deviceId: string, payload: Buffer, receivedAt: number): string {
  const text = payload.toString("utf8");
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
