import { ReceiveMessageCommand, SendMessageBatchCommand, SQSClient } from "@aws-sdk/client-sqs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sqsSendBatches } from "../src/batches";
import { type SqsEmulator, startSqsEmulator } from "../src/emulator";
import { sqsMaxBatchBytes, sqsMessageBytes } from "../src/message-limits";
import { createQueueClient, type OutgoingMessage, type QueueClient, SqsError } from "../src/queue-client";

let emulator: SqsEmulator;
let queue: QueueClient;
// The official SDK as an independent peer: what one writes, the other must read.
let sdk: SQSClient;

beforeAll(async () => {
  emulator = await startSqsEmulator({ port: 0, maxReceiveCount: 2, visibilityTimeoutSeconds: 1 });
  queue = createQueueClient({ region: emulator.region, endpoint: emulator.endpoint });
  sdk = new SQSClient({
    region: emulator.region,
    endpoint: emulator.endpoint,
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
  });
});

afterAll(async () => {
  sdk?.destroy();
  await queue?.close();
  await emulator?.stop();
});

async function drainQueue(url: string): Promise<void> {
  for (;;) {
    const got = await queue.receive(url, { waitTimeSeconds: 0, maxMessages: 10 });
    if (got.length === 0) return;
    await queue.deleteBatch(
      url,
      got.map((m) => m.receiptHandle),
    );
  }
}

describe("the lean SQS client", () => {
  it("sends a batch the AWS SDK receives byte for byte, attributes included", async () => {
    // The SDK checks each body's MD5, so astral characters (as UTF-8 4-byte sequences) are covered.
    const bodies = ['{"v":1,"unicode":"ø€✓🍾"}', "plain text", "x".repeat(1000)];
    const failed = await queue.sendBatch(
      emulator.deadLetterQueueUrl,
      bodies.map((body, i) => ({ body, attributes: { reason: `r${i}` } })),
    );
    expect(failed).toEqual([]);
    const received = await sdk.send(
      new ReceiveMessageCommand({
        QueueUrl: emulator.deadLetterQueueUrl,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: 1,
        MessageAttributeNames: ["All"],
      }),
    );
    const got = (received.Messages ?? []).map((m) => [m.Body, m.MessageAttributes?.reason?.StringValue]);
    expect(got.sort()).toEqual(bodies.map((body, i) => [body, `r${i}`]).sort());
  });

  it("receives what the AWS SDK sent, deletes it, and it does not come back", async () => {
    await sdk.send(
      new SendMessageBatchCommand({
        QueueUrl: emulator.queueUrl,
        Entries: [
          { Id: "a", MessageBody: "one" },
          { Id: "b", MessageBody: "two" },
        ],
      }),
    );
    const messages = await queue.receive(emulator.queueUrl, { waitTimeSeconds: 1 });
    expect(messages.map((m) => m.body).sort()).toEqual(["one", "two"]);
    expect(messages.every((m) => m.receiveCount === 1 && m.receiptHandle.length > 0)).toBe(true);
    expect(
      await queue.deleteBatch(
        emulator.queueUrl,
        messages.map((m) => m.receiptHandle),
      ),
    ).toEqual([]);
    // Longer than the 1 s visibility timeout: undeleted messages would be visible again.
    expect(await queue.receive(emulator.queueUrl, { waitTimeSeconds: 2 })).toEqual([]);
    expect(await queue.attributes(emulator.queueUrl, ["ApproximateNumberOfMessages"])).toEqual({
      ApproximateNumberOfMessages: "0",
    });
  });

  it("redelivers what was not deleted, counting receives, until the redrive policy moves it", async () => {
    await queue.sendBatch(emulator.queueUrl, [{ body: "poison" }]);
    const first = await queue.receive(emulator.queueUrl, { waitTimeSeconds: 1 });
    expect(first.map((m) => [m.body, m.receiveCount])).toEqual([["poison", 1]]);
    const second = await queue.receive(emulator.queueUrl, { waitTimeSeconds: 5 });
    expect(second.map((m) => [m.body, m.receiveCount])).toEqual([["poison", 2]]);
    // maxReceiveCount 2: the third receive finds it in the dead-letter queue instead.
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    expect(await queue.receive(emulator.queueUrl, { waitTimeSeconds: 1 })).toEqual([]);
    const dead = await queue.receive(emulator.deadLetterQueueUrl, { waitTimeSeconds: 1 });
    expect(dead.map((m) => m.body)).toContain("poison");
  });

  it("reports refused batch entries by index and delivers the rest", async () => {
    const failed = await queue.sendBatch(emulator.queueUrl, [
      { body: "fine" },
      { body: "nul \u0000 inside" },
    ]);
    expect(failed).toEqual([
      { index: 1, code: "InvalidMessageContents", message: expect.any(String), senderFault: true },
    ]);
    const messages = await queue.receive(emulator.queueUrl, { waitTimeSeconds: 1 });
    expect(messages.map((m) => m.body)).toEqual(["fine"]);
    await queue.deleteBatch(
      emulator.queueUrl,
      messages.map((m) => m.receiptHandle),
    );
  });

  it("counts a batch's bytes as SQS does, attributes included: at the limit it is taken, a byte over it is split", async () => {
    const attributes = { reason: "too_large", detail: "ø€ counted in UTF-8 bytes" };
    const large = (bytes: number): OutgoingMessage => {
      const body = "x".repeat(bytes - sqsMessageBytes({ body: "", attributes }));
      return { body, attributes };
    };
    const atLimit = [large(sqsMaxBatchBytes / 2), large(sqsMaxBatchBytes / 2)];
    expect(sqsSendBatches(atLimit, (m) => m)).toEqual([atLimit]);
    expect(await queue.sendBatch(emulator.deadLetterQueueUrl, atLimit)).toEqual([]);

    const overLimit = [large(sqsMaxBatchBytes / 2), large(sqsMaxBatchBytes / 2 + 1)];
    const refused = await queue.sendBatch(emulator.deadLetterQueueUrl, overLimit).catch((e: unknown) => e);
    expect((refused as SqsError).code).toBe("BatchRequestTooLong");
    const batches = sqsSendBatches(overLimit, (m) => m);
    expect(batches).toEqual([[overLimit[0]], [overLimit[1]]]);
    for (const batch of batches)
      expect(await queue.sendBatch(emulator.deadLetterQueueUrl, batch)).toEqual([]);
    expect(
      sqsSendBatches(
        Array.from({ length: 21 }, (_, i) => i),
        () => ({ body: "small" }),
      ).map((b) => b.length),
    ).toEqual([10, 10, 1]);
    await drainQueue(emulator.deadLetterQueueUrl);
  });

  it("throws a non-retryable SqsError naming the code for a queue that does not exist", async () => {
    const missing = emulator.queueUrl.replace(/revolv-telemetry$/, "no-such-queue");
    const error = await queue.sendBatch(missing, [{ body: "x" }]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SqsError);
    expect((error as SqsError).code).toMatch(/NonExistentQueue|QueueDoesNotExist/);
    expect((error as SqsError).retryable).toBe(false);
  });

  it("rejects when nothing listens, after its retries", async () => {
    const dead = createQueueClient({ region: "us-east-1", endpoint: "http://127.0.0.1:9", maxAttempts: 2 });
    await expect(dead.sendBatch(emulator.queueUrl, [{ body: "x" }])).rejects.toThrow();
    await dead.close();
  });

  it("gives up a long poll when its signal aborts", async () => {
    const controller = new AbortController();
    const poll = queue.receive(emulator.queueUrl, { waitTimeSeconds: 20, signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    await expect(poll).rejects.toThrow();
  });
});
