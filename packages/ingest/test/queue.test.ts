import { CreateQueueCommand } from "@aws-sdk/client-sqs";
import { redriveTargetOf } from "@revolv/queue";
import { type SqsEmulator, startSqsEmulator } from "@revolv/queue/emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { moveToDeadLetterQueue } from "../src/queue";
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

  it("dead-letters large messages whose bodies together exceed SQS's batch limit, in batches SQS takes", async () => {
    const queue = queueClientFor(emulator);
    try {
      // Three of 450 kB: any two fit one SendMessageBatch (1 MiB in all, attributes counted), three do not.
      const bodies = ["a", "b", "c"].map((fill) => `{"oversized":"${fill.repeat(450_000)}"`);
      for (const body of bodies) expect(await queue.sendBatch(emulator.queueUrl, [{ body }])).toEqual([]);
      const received = [];
      while (received.length < bodies.length)
        received.push(
          ...(await queue.receive(emulator.queueUrl, { waitTimeSeconds: 1, visibilityTimeoutSeconds: 60 })),
        );

      const { moved, failed } = await moveToDeadLetterQueue(
        queue,
        emulator.queueUrl,
        emulator.deadLetterQueueUrl,
        received.map((message) => ({ message, reason: "bad_json" as const, detail: "unterminated object" })),
      );
      expect({ moved: moved.length, failed }).toEqual({ moved: 3, failed: 0 });
      const dead = [];
      for (;;) {
        const got = await queue.receive(emulator.deadLetterQueueUrl, {
          waitTimeSeconds: 0,
          withAttributes: true,
        });
        if (got.length === 0) break;
        dead.push(...got);
        await queue.deleteBatch(
          emulator.deadLetterQueueUrl,
          got.map((m) => m.receiptHandle),
        );
      }
      expect(dead.map((m) => m.body).sort()).toEqual(bodies);
      expect(dead.every((m) => m.attributes.reason === "bad_json")).toBe(true);
      expect(
        await queue.attributes(emulator.queueUrl, [
          "ApproximateNumberOfMessages",
          "ApproximateNumberOfMessagesNotVisible",
        ]),
      ).toEqual({ ApproximateNumberOfMessages: "0", ApproximateNumberOfMessagesNotVisible: "0" });
    } finally {
      await queue.close();
    }
  });
});
