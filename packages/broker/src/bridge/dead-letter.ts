import type { OutgoingMessage } from "@revolv/queue";
import { telemetryTopic } from "@revolv/validators";

/** Why the bridge put a publish on the dead-letter queue instead of the telemetry queue. */
export const bridgeDeadLetterReasons = ["invalid_characters", "refused_by_queue"] as const;
export type BridgeDeadLetterReason = (typeof bridgeDeadLetterReasons)[number];

export interface BridgeDeadLetter {
  deviceId: string;
  payload: Buffer;
  reason: BridgeDeadLetterReason;
  /** What exactly was wrong, in ASCII: SQS holds attribute values to the body's character set. */
  detail: string;
  /** SQS's own refusal, when there was one. */
  errorMessage: string;
  queueName: string;
}

/**
 * The dead letter of a publish SQS refused. Its body is what AWS IoT Core's rule error action
 * sends (https://docs.aws.amazon.com/iot/latest/developerguide/rule-error-handling.html), so a
 * dead letter reads the same whether IoT Core or the embedded bridge wrote it: the payload kept
 * whole as `base64OriginalPayload` (it is exactly what SQS would not take as text), the topic,
 * the client id and the failure. The `reason` and `detail` attributes are the ones the ingest
 * worker sets on its own dead letters.
 */
export function deadLetterMessage(letter: BridgeDeadLetter): OutgoingMessage {
  return {
    body: JSON.stringify({
      ruleName: "embedded_bridge",
      topic: telemetryTopic(letter.deviceId),
      clientId: letter.deviceId,
      base64OriginalPayload: letter.payload.toString("base64"),
      failures: [
        { failedAction: "SqsAction", failedResource: letter.queueName, errorMessage: letter.errorMessage },
      ],
    }),
    attributes: { reason: letter.reason, detail: letter.detail.slice(0, 1_000) || "-" },
  };
}

// SQS's allowed set: #x9 | #xA | #xD | #x20-#xD7FF | #xE000-#xFFFD | #x10000-#x10FFFF
// (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SendMessage.html).
// With the `u` flag a lone surrogate is one code point outside every range.
// biome-ignore lint/suspicious/noControlCharactersInRegex: the control characters are the point
const refusedBySqs = /[^\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

/** Names the first character SQS refuses in `text`, e.g. "U+0000 at character 4 of the body". */
export function describeRefusedCharacter(text: string): string | undefined {
  const match = refusedBySqs.exec(text);
  if (!match) return undefined;
  const codePoint = (match[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0");
  return `U+${codePoint} at character ${match.index} of the body is not allowed in an SQS message`;
}
