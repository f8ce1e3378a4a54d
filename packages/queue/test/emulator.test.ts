import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SqsEmulator, startSqsEmulator } from "../src/emulator";
import { createQueueClient, type QueueClient } from "../src/queue-client";

let emulator: SqsEmulator;
let queue: QueueClient;

beforeAll(async () => {
  emulator = await startSqsEmulator({ port: 0 });
  queue = createQueueClient({ region: emulator.region, endpoint: emulator.endpoint });
});

afterAll(async () => {
  await queue?.close();
  await emulator?.stop();
});

describe("the fauxqs emulator (as patched)", () => {
  it("accepts exactly SQS's character set: #x9 #xA #xD #x20-#xD7FF #xE000-#xFFFD #x10000-#x10FFFF", async () => {
    const accepted = ["\t\n\r", " ~\u00e9\uD7FF", "\uE000\uFFFD", "🍾", "\u{10000}", "\u{10FFFF}"];
    const refused = ["\u0000", "\u0008", "\u001F", "\uFFFE", "\uFFFF", "lone \uD800", "lone \uDC00"];
    const send = (bodies: string[]) =>
      queue.sendBatch(
        emulator.deadLetterQueueUrl,
        bodies.map((body) => ({ body })),
      );
    expect(await send(accepted)).toEqual([]);
    const failures = await send(refused);
    expect(failures.map((f) => refused[f.index])).toEqual(refused);
    expect(failures.every((f) => f.code === "InvalidMessageContents" && f.senderFault)).toBe(true);

    const received = await queue.receive(emulator.deadLetterQueueUrl, { waitTimeSeconds: 1 });
    expect(received.map((m) => m.body).sort()).toEqual([...accepted].sort());
  });

  it("keeps queued messages and applies this run's settings when restarted on its data directory", async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "revolv-fauxqs-"));
    let restarted: SqsEmulator | undefined;
    try {
      const first = await startSqsEmulator({ port: 0, dataDir, maxReceiveCount: 5 });
      const client = createQueueClient({ region: first.region, endpoint: first.endpoint });
      expect(await client.sendBatch(first.queueUrl, [{ body: "queued 1" }, { body: "queued 2 🍾" }])).toEqual(
        [],
      );
      await client.close();
      await first.stop();

      restarted = await startSqsEmulator({ port: 0, dataDir, maxReceiveCount: 7 });
      expect(new URL(restarted.queueUrl).port).toBe(String(restarted.port));
      const again = createQueueClient({ region: restarted.region, endpoint: restarted.endpoint });
      try {
        const { RedrivePolicy } = await again.attributes(restarted.queueUrl, ["RedrivePolicy"]);
        expect(JSON.parse(RedrivePolicy ?? "{}")).toMatchObject({ maxReceiveCount: 7 });
        const received = await again.receive(restarted.queueUrl, { waitTimeSeconds: 1 });
        expect(received.map((m) => m.body).sort()).toEqual(["queued 1", "queued 2 🍾"]);
      } finally {
        await again.close();
      }
    } finally {
      await restarted?.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it("on a persisted queue, makes a message visible again at once on ChangeMessageVisibility 0", async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "revolv-fauxqs-"));
    const persisted = await startSqsEmulator({ port: 0, dataDir });
    const client = createQueueClient({
      region: persisted.region,
      endpoint: persisted.endpoint,
      maxAttempts: 1,
    });
    try {
      expect(await client.sendBatch(persisted.deadLetterQueueUrl, [{ body: "held" }])).toEqual([]);
      const [held] = await client.receive(persisted.deadLetterQueueUrl, {
        waitTimeSeconds: 0,
        visibilityTimeoutSeconds: 60,
      });
      expect(held?.body).toBe("held");
      expect(
        await client.changeVisibilityBatch(persisted.deadLetterQueueUrl, [
          { receiptHandle: held?.receiptHandle as string, visibilityTimeoutSeconds: 0 },
        ]),
      ).toEqual([]);
      const again = await client.receive(persisted.deadLetterQueueUrl, { waitTimeSeconds: 0 });
      expect(again.map((m) => [m.body, m.receiveCount])).toEqual([["held", 2]]);
    } finally {
      await client.close();
      await persisted.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
