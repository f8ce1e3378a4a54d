import { CreateQueueCommand } from "@aws-sdk/client-sqs";
import { redriveTargetOf } from "@revolv/queue";
import { type SqsEmulator, startSqsEmulator } from "@revolv/queue/emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queueClientFor, sqsClientFor } from "./harness";

describe("the dead-letter queue of a queue", () => {
  let emulator: SqsEmulator;
  beforeAll(async () => {
    emulator = await startSqsEmulator({ port: 0 });
  });
  afterAll(() => emulator?.stop());

  it("is the one its redrive policy names, or none without a policy", async () => {
    const sqs = sqsClientFor(emulator);
    const queue = queueClientFor(emulator);
    try {
      expect(await redriveTargetOf(queue, emulator.queueUrl)).toBe(emulator.deadLetterQueueUrl);
      const plain = await sqs.send(new CreateQueueCommand({ QueueName: "no-redrive" }));
      expect(await redriveTargetOf(queue, plain.QueueUrl as string)).toBeUndefined();
    } finally {
      sqs.destroy();
      await queue.close();
    }
  });
});
