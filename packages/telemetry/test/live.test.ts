import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { LiveBatch, Reading } from "@revolv/validators";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ClickHouseHandle, createClickHouse } from "../src/client";
import { watchDeviceReadings } from "../src/live";
import { migrateClickHouse } from "../src/migrations";
import { insertReadings, readingRowsFrom } from "../src/writer";

const device = randomUUID();
const otherDevice = randomUUID();

/** The next batch, or a failure after a generous deadline (never a timing assertion). */
async function nextBatch(watch: AsyncIterator<LiveBatch>, deadlineMs = 20_000): Promise<LiveBatch> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error("no live batch before the deadline")), deadlineMs);
  });
  try {
    const next = await Promise.race([watch.next(), timeout]);
    if (next.done) throw new Error("the watch ended");
    return next.value;
  } finally {
    clearTimeout(timer);
  }
}

describe("live readings on chDB", () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "revolv-live-"));
  let handle: ClickHouseHandle;

  async function store(deviceId: string, messageId: string, readings: Reading[]) {
    const at = Date.now();
    await insertReadings(
      handle.client,
      readingRowsFrom(
        { deviceId, messageId, deviceTime: new Date(at).toISOString(), receivedAt: at + 5, readings },
        "rvm",
      ),
    );
  }

  beforeAll(async () => {
    handle = createClickHouse({ kind: "chdb", dataDir });
    await migrateClickHouse(handle.client);
  });
  afterAll(async () => {
    await handle.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("yields this device's new readings, and a resumed watch continues after the cursor", async () => {
    await store(device, "before-subscribing", [{ metric: "temperature_c", value: 1 }]);

    const first = new AbortController();
    const firstWatch = watchDeviceReadings(handle.client, device, { intervalMs: 50, signal: first.signal })[
      Symbol.asyncIterator
    ]();
    // The watch takes its starting point on the first pull, at a moment the test cannot see:
    // keep storing until a batch arrives rather than guessing how long starting takes.
    const stored: string[] = [];
    const pending = nextBatch(firstWatch);
    let arrived = false;
    void pending.finally(() => {
      arrived = true;
    });
    for (let i = 0; !arrived && i < 200; i++) {
      await store(otherDevice, `other-${i}`, [{ metric: "temperature_c", value: 50 }]);
      await store(device, `m-${i}`, [
        { metric: "temperature_c", value: 20 + i },
        { metric: "jam", value: 0 },
      ]);
      stored.push(`m-${i}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const batch = await pending;
    const delivered = new Set(batch.readings.map((r) => r.messageId));
    expect(delivered.size).toBeGreaterThan(0);
    for (const messageId of delivered) expect(stored).toContain(messageId);
    // Both readings of each message, nothing of the other device or from before the start.
    expect(batch.readings.length).toBe(delivered.size * 2);
    expect(batch.cursor).toMatch(/^\d+$/);
    first.abort();
    await firstWatch.return?.(undefined);

    // Disconnected: a reading arrives meanwhile, then the client resumes with the last cursor.
    await store(device, "while-away", [{ metric: "temperature_c", value: 22 }]);
    const missed = new Set([...stored.filter((m) => !delivered.has(m)), "while-away"]);
    const second = new AbortController();
    const resumed = watchDeviceReadings(handle.client, device, {
      cursor: batch.cursor,
      intervalMs: 50,
      signal: second.signal,
    })[Symbol.asyncIterator]();
    try {
      const afterResume = new Set<string>();
      while (afterResume.size < missed.size) {
        const next = await nextBatch(resumed);
        expect(Number(next.cursor)).toBeGreaterThanOrEqual(Number(batch.cursor));
        for (const reading of next.readings) {
          // What was delivered before the cursor is never sent twice.
          expect(delivered.has(reading.messageId)).toBe(false);
          afterResume.add(reading.messageId);
        }
      }
      expect(afterResume).toEqual(missed);
    } finally {
      second.abort();
      await resumed.return?.(undefined);
    }
  });
});
