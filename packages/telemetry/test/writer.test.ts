import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ClickHouseHandle, createClickHouse } from "../src/client";
import { migrateClickHouse } from "../src/migrations";
import { findStoredMessages, insertReadings, messageKey, readingRowsFrom } from "../src/writer";

describe("the batch writer's stored-message lookup", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "revolv-writer-"));
  let clickhouse: ClickHouseHandle;
  const a = randomUUID();
  const b = randomUUID();

  const store = (deviceId: string, messageId: string) =>
    insertReadings(
      clickhouse.client,
      readingRowsFrom(
        {
          v: 1,
          deviceId,
          messageId,
          deviceTime: "2026-11-25T10:00:00.000Z",
          receivedAt: Date.parse("2026-11-25T10:00:01.000Z"),
          readings: [{ metric: "temperature_c", value: 20 }],
        },
        "rvm",
      ),
    );

  beforeAll(async () => {
    clickhouse = createClickHouse({ kind: "chdb", dataDir: dir });
    await migrateClickHouse(clickhouse.client);
    await store(a, "m-1");
    await store(b, "m-2");
  });
  afterAll(async () => {
    await clickhouse.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("finds exactly the stored (device, message) pairs, not pairs crossed between devices", async () => {
    const stored = await findStoredMessages(clickhouse.client, [
      { deviceId: a, messageId: "m-1" },
      { deviceId: a, messageId: "m-2" },
      { deviceId: b, messageId: "m-1" },
      { deviceId: b, messageId: "m-3" },
    ]);
    expect(stored.has(messageKey(a, "m-1"))).toBe(true);
    // m-2 was stored, but by b: a's m-2 is new.
    expect(stored.has(messageKey(a, "m-2"))).toBe(false);
    expect(stored.has(messageKey(b, "m-1"))).toBe(false);
    expect(stored.has(messageKey(b, "m-3"))).toBe(false);
  });

  it("takes ids with quotes and backslashes as values, never as SQL", async () => {
    const hostile = ["x') OR 1=1 --", "back\\slash", "m-1' UNION SELECT 1 --"];
    const stored = await findStoredMessages(
      clickhouse.client,
      hostile.map((messageId) => ({ deviceId: a, messageId })),
    );
    expect(stored.size).toBe(0);
  });

  it("looks up more keys than one request carries", async () => {
    const keys = Array.from({ length: 12_000 }, (_, i) => ({ deviceId: b, messageId: `bulk-${i}` }));
    keys.push({ deviceId: b, messageId: "m-2" });
    const stored = await findStoredMessages(clickhouse.client, keys);
    expect([...stored]).toEqual([messageKey(b, "m-2")]);
  });
});
