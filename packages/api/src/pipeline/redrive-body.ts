import { isUtf8 } from "node:buffer";
import {
  describeRefusedCharacter,
  type Forwarded,
  type ReceivedMessage,
  sqsMaxMessageBytes,
} from "@revolv/queue";
import {
  deviceIdOfTelemetryTopic,
  type IotRuleErrorAction,
  iotRuleBody,
  iotRuleErrorActionSchema,
} from "@revolv/validators/iot-rule";

function errorActionOf(body: string): IotRuleErrorAction | undefined {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return undefined;
  }
  const parsed = iotRuleErrorActionSchema.safeParse(json);
  return parsed.success ? parsed.data : undefined;
}

const keptBecause = (why: string): Forwarded => ({
  refusal: `${why}; it stays in the dead-letter queue (purge it once the device is fixed)`,
});

/**
 * What a redrive sends for a dead letter. The worker's own dead letters hold the queue's body
 * unchanged: sent as they are. A rule error action's (AWS IoT Core's, or the bridge's) wraps the
 * device's payload, which the worker would refuse again: the redrive sends what the rule would
 * have sent, the telemetry rule's body built from the original payload (the topic's device, and
 * the time the letter was written as the receive time the wrapper does not keep), or another
 * rule's payload as it came. A payload SQS cannot carry (characters outside its set, too large,
 * not UTF-8) is refused with why instead of being sent to fail once more.
 */
export function redriveBodyOf(message: ReceivedMessage): Forwarded {
  const wrapper = errorActionOf(message.body);
  if (!wrapper) return { body: message.body };
  const payload = Buffer.from(wrapper.base64OriginalPayload, "base64");
  if (!isUtf8(payload))
    return keptBecause("its original payload is not valid UTF-8, which no SQS message can carry");
  const deviceId = deviceIdOfTelemetryTopic(wrapper.topic);
  const body = deviceId
    ? iotRuleBody(deviceId, payload, message.sentAt ?? Date.now())
    : payload.toString("utf8");
  const refusedCharacter = describeRefusedCharacter(body);
  if (refusedCharacter) return keptBecause(`its original payload cannot be redriven: ${refusedCharacter}`);
  const bytes = Buffer.byteLength(body);
  if (bytes > sqsMaxMessageBytes)
    return keptBecause(
      `its original payload is ${bytes} bytes, over SQS's limit of ${sqsMaxMessageBytes} bytes per message`,
    );
  if (bytes === 0) return keptBecause("its original payload is empty, which SQS does not take");
  return { body };
}
