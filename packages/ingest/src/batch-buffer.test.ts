import { describe, expect, it } from "vitest";
import { BatchBuffer, type BufferedMessage } from "./batch-buffer";

/** A message carrying `rows` readings; only their number matters to the buffer. */
function message(id: string, rows: number): BufferedMessage {
  return {
    key: id,
    deviceId: "device",
    messageId: id,
    sqsMessageId: `sqs-${id}`,
    receivedAt: 0,
    receiptHandle: `receipt-${id}`,
    rows: Array.from({ length: rows }, () => ({}) as BufferedMessage["rows"][number]),
    events: [],
  };
}

/** A buffer on a clock the test moves by hand. */
function bufferAt(options: { flushRows?: number; flushIntervalMs?: number; maxBufferedRows?: number } = {}) {
  const clock = { now: 1_000_000 };
  const buffer = new BatchBuffer({
    flushRows: options.flushRows ?? 10,
    flushIntervalMs: options.flushIntervalMs ?? 1_000,
    maxBufferedRows: options.maxBufferedRows ?? 40,
    now: () => clock.now,
  });
  return { buffer, clock };
}

describe("the batch buffer", () => {
  it("is never due while empty, and the flusher sleeps a whole interval", () => {
    const { buffer, clock } = bufferAt();
    clock.now += 60_000;
    expect(buffer.isDue()).toBe(false);
    expect(buffer.isDue(true)).toBe(false);
    expect(buffer.msUntilDue()).toBe(1_000);
  });

  it("is due by size as soon as the rows reach flushRows, whatever the age", () => {
    const { buffer } = bufferAt({ flushRows: 10 });
    buffer.add(message("a", 6));
    expect(buffer.full).toBe(false);
    expect(buffer.isDue()).toBe(false);
    buffer.add(message("b", 4));
    expect(buffer.rows).toBe(10);
    expect(buffer.full).toBe(true);
    expect(buffer.isDue()).toBe(true);
  });

  it("is due by age once its oldest message has waited flushIntervalMs, counted from the first add", () => {
    const { buffer, clock } = bufferAt({ flushIntervalMs: 1_000 });
    buffer.add(message("a", 1));
    clock.now += 600;
    buffer.add(message("b", 1)); // a later message does not restart the clock
    expect(buffer.isDue()).toBe(false);
    expect(buffer.msUntilDue()).toBe(400);
    clock.now += 400;
    expect(buffer.isDue()).toBe(true);
    expect(buffer.msUntilDue()).toBe(1);
  });

  it("is due at once when draining, however small and young", () => {
    const { buffer } = bufferAt();
    buffer.add(message("a", 1));
    expect(buffer.isDue()).toBe(false);
    expect(buffer.isDue(true)).toBe(true);
  });

  it("hands out everything it holds in arrival order as one batch, and restarts the age with the next add", () => {
    const { buffer, clock } = bufferAt({ flushIntervalMs: 1_000 });
    buffer.add(message("a", 2));
    buffer.add(message("b", 3));
    clock.now += 5_000;
    expect(buffer.take().map((m) => m.messageId)).toEqual(["a", "b"]);
    expect(buffer.messages).toBe(0);
    expect(buffer.rows).toBe(0);
    buffer.add(message("c", 1));
    expect(buffer.isDue()).toBe(false);
  });

  it("holds consumers back while maxBufferedRows wait and lets them go when a batch is taken", async () => {
    const { buffer } = bufferAt({ maxBufferedRows: 5 });
    buffer.add(message("a", 5));
    expect(buffer.hasRoom).toBe(false);
    let released = false;
    const waiting = buffer.waitForRoom().then(() => {
      released = true;
    });
    await Promise.resolve();
    expect(released).toBe(false);
    buffer.take();
    await waiting;
    expect(released).toBe(true);
    expect(buffer.hasRoom).toBe(true);
  });

  it("lets waiting consumers go at shutdown without taking anything", async () => {
    const { buffer } = bufferAt({ maxBufferedRows: 1 });
    buffer.add(message("a", 1));
    const waiting = buffer.waitForRoom();
    buffer.releaseWaiters();
    await waiting;
    expect(buffer.messages).toBe(1);
  });
});
