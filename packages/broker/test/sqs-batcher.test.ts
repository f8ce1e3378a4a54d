import { createQueueClient, type QueueClient } from "@revolv/queue";
import { type SqsEmulator, startSqsEmulator } from "@revolv/queue/emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSqsBatcher } from "../src/bridge/sqs-batcher";

let emulator: SqsEmulator;
let queue: QueueClient;

beforeAll(async () => {
  emulator = await startSqsEmulator({ port: 0 });
  queue = createQueueClient({ endpoint: emulator.endpoint, region: emulator.region });
});
afterAll(async () => {
  await queue?.close();
  await emulator?.stop();
});

async function drain(expected: number) {
  const bodies: string[] = [];
  for (let tries = 0; bodies.length < expected && tries < 50; tries++) {
    const messages = await queue.receive(emulator.queueUrl, { waitTimeSeconds: 1 });
    bodies.push(...messages.map((m) => m.body));
    if (messages.length > 0)
      await queue.deleteBatch(
        emulator.queueUrl,
        messages.map((m) => m.receiptHandle),
      );
  }
  return bodies;
}

describe("the MQTT → SQS micro-batcher", () => {
  it("packs a burst into full batches of 10 and resolves each entry once SQS has it", async () => {
    const batcher = createSqsBatcher({ queue, queueUrl: emulator.queueUrl, maxDelayMs: 50 });
    const bodies = Array.from({ length: 25 }, (_, i) => `{"n":${i}}`);
    await Promise.all(bodies.map((body) => batcher.send(body)));
    expect(batcher.metrics).toMatchObject({ accepted: 25, failed: 0, batches: 3, queued: 0 });
    expect((await drain(25)).sort()).toEqual([...bodies].sort());
  });

  it("keeps a batch under the byte limit by sending fewer entries", async () => {
    const batcher = createSqsBatcher({ queue, queueUrl: emulator.queueUrl, maxBatchBytes: 900 * 1024 });
    const big = Array.from({ length: 10 }, (_, i) => `${i}${"x".repeat(128 * 1024 - 1)}`);
    await Promise.all(big.map((body) => batcher.send(body)));
    // 7 × 128 KiB fit under 900 KiB, the other 3 go in a second call.
    expect(batcher.metrics.batches).toBe(2);
    expect(await drain(10)).toHaveLength(10);
  });

  it("rejects only the entry SQS refused, and the rest of its batch is delivered", async () => {
    const batcher = createSqsBatcher({ queue, queueUrl: emulator.queueUrl });
    const results = await Promise.allSettled(
      ["fine 1", "bad \u0000 body", "fine 2"].map((b) => batcher.send(b)),
    );
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect((results[1] as PromiseRejectedResult).reason).toMatchObject({
      name: "SqsRefusal",
      code: "InvalidMessageContents",
      senderFault: true,
    });
    expect((await drain(2)).sort()).toEqual(["fine 1", "fine 2"]);
  });

  it("rejects every entry when SQS cannot be reached, and sends what is queued on flush", async () => {
    const down = createQueueClient({ endpoint: "http://127.0.0.1:9", region: "us-east-1", maxAttempts: 1 });
    const batcher = createSqsBatcher({ queue: down, queueUrl: emulator.queueUrl });
    const results = await Promise.allSettled([batcher.send("a"), batcher.send("b")]);
    expect(results.every((r) => r.status === "rejected")).toBe(true);
    expect(batcher.metrics.failed).toBe(2);
    await down.close();

    const later = createSqsBatcher({ queue, queueUrl: emulator.queueUrl, maxDelayMs: 60_000 });
    const pending = later.send("waits for company");
    await later.flush();
    await pending;
    expect(await drain(1)).toEqual(["waits for company"]);
  });
});
