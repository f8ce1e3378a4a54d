import type { OutgoingMessage } from "@revolv/queue";
import { telemetryTopic } from "@revolv/validators";
import type { IotRuleErrorAction } from "@revolv/validators/iot-rule";

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
  const body: IotRuleErrorAction = {
    ruleName: "embedded_bridge",
    topic: telemetryTopic(letter.deviceId),
    clientId: letter.deviceId,
    base64OriginalPayload: letter.payload.toString("base64"),
    failures: [
      { failedAction: "SqsAction", failedResource: letter.queueName, errorMessage: letter.errorMessage },
    ],
  };
  return {
    body: JSON.stringify(body),
    attributes: { reason: letter.reason, detail: letter.detail.slice(0, 1_000) || "-" },
  };
}
