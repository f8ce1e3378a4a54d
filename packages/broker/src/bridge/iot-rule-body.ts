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
 */
export function iotRuleBody(deviceId: string, payload: Buffer, receivedAt: number): string {
  const text = payload.toString("utf8");
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return sqsSafeText(text);
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) return sqsSafeText(text);
  return JSON.stringify({ ...(parsed as Record<string, unknown>), deviceId, receivedAt });
}

// SQS accepts #x9 #xA #xD #x20-#xD7FF #xE000-#xFFFD and astral characters; anything else
// would make SendMessageBatch refuse the entry forever, so it becomes U+FFFD. Only non-JSON
// payloads take this path (a JSON document cannot carry raw control characters).
function sqsSafeText(text: string): string {
  if (text.length === 0) return "\uFFFD";
  let safe = "";
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    const allowed =
      code === 0x9 ||
      code === 0xa ||
      code === 0xd ||
      (code >= 0x20 && code <= 0xd7ff) ||
      (code >= 0xe000 && code <= 0xfffd) ||
      code >= 0x10000;
    safe += allowed ? char : "\uFFFD";
  }
  return safe;
}
