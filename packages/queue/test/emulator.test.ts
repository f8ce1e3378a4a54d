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
});
