import { isUtf8 } from "node:buffer";
import { describeRefusedCharacter, type QueueClient } from "@revolv/queue";
import { iotRuleBody } from "@revolv/validators/iot-rule";
import type { TelemetryForwarder } from "../mqtt/device-broker";
import { type BridgeDeadLetterReason, bridgeDeadLetterReasons, deadLetterMessage } from "./dead-letter";
import { type SqsBatcher, SqsRefusal } from "./sqs-batcher";

export interface TelemetryBridgeOptions {
  batcher: SqsBatcher;
  queue: QueueClient;
  queueUrl: string;
  /** Where refused publishes go; asked once, on the first one. */
  deadLetterQueueUrl: () => Promise<string>;
}

export interface TelemetryBridge {
  forward: TelemetryForwarder;
  metrics: { deadLettered: Record<BridgeDeadLetterReason, number> };
}

/**
 * What the IoT rule does with a device publish: its body onto the telemetry queue, and what SQS
 * refuses for good (a sender fault, such as a character outside SQS's set) onto the dead-letter
 * queue with its reason, as the rule's error action would. Either way the forward resolves only
 * once SQS holds the message, so the device gets its PUBACK then and never resends a message that
 * can never be taken. SQS being unreachable, or failing on its side, still rejects: the device
 * resends once it is back.
 */
export function createTelemetryBridge({
  batcher,
  queue,
  queueUrl,
  deadLetterQueueUrl,
}: TelemetryBridgeOptions): TelemetryBridge {
  const queueName = queueUrl.slice(queueUrl.lastIndexOf("/") + 1);
  const deadLettered = Object.fromEntries(bridgeDeadLetterReasons.map((r) => [r, 0])) as Record<
    BridgeDeadLetterReason,
    number
  >;
  let deadLetterQueue: Promise<string> | undefined;

  async function sendDeadLetter(
    deviceId: string,
    payload: Buffer,
    reason: BridgeDeadLetterReason,
    detail: string,
    errorMessage: string,
  ) {
    deadLetterQueue ??= deadLetterQueueUrl().catch((error: unknown) => {
      deadLetterQueue = undefined;
      throw error;
    });
    const refused = await queue.sendBatch(await deadLetterQueue, [
      deadLetterMessage({ deviceId, payload, reason, detail, errorMessage, queueName }),
    ]);
    if (refused[0]) throw new SqsRefusal(refused[0].code, refused[0].message, refused[0].senderFault);
    deadLettered[reason] += 1;
  }

  return {
    metrics: { deadLettered },
    async forward(deviceId, payload, receivedAt) {
      // Text that is not UTF-8 (a lone surrogate's bytes, a cut sequence) cannot reach SQS
      // unaltered; decoding it would quietly replace what the device sent.
      if (!isUtf8(payload)) {
        const detail = "the payload is not valid UTF-8 (an unpaired surrogate or a broken byte sequence)";
        return sendDeadLetter(deviceId, payload, "invalid_characters", detail, detail);
      }
      const body = iotRuleBody(deviceId, payload, receivedAt);
      try {
        await batcher.send(body);
      } catch (error) {
        if (!(error instanceof SqsRefusal) || !error.senderFault) throw error;
        const invalid = error.code === "InvalidMessageContents";
        await sendDeadLetter(
          deviceId,
          payload,
          invalid ? "invalid_characters" : "refused_by_queue",
          invalid ? (describeRefusedCharacter(body) ?? error.detail) : `${error.code}: ${error.detail}`,
          error.message,
        );
      }
    },
  };
}
