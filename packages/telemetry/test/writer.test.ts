import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ClickHouseHandle, createClickHouse } from "../src/client";
import { migrateClickHouse } from "../src/migrations";
import type { ReadingRow } from "../src/tables";
import { findStoredReadings, insertReadings, readingRowsFrom, withoutStoredRows } from "../src/writer";

describe("the batch writer's stored-reading lookup", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "revolv-writer-"));
  let clickhouse: ClickHouseHandle;
  const a = randomUUID();
  const b = randomUUID();

  const rowsOf = (
    deviceId: string,
    messageId: string,
    readings = [{ metric: "temperature_c" as const, value: 20 }],
  ) =>
    readingRowsFrom(
      {
        deviceId,
        messageId,
        deviceTime: "2026-11-25T10:00:00.000Z",
        receivedAt: Date.parse("2026-11-25T10:00:01.000Z"),
        readings,
      },
      "rvm",
    );
  const store = (deviceId: string, messageId: string) =>
    insertReadings(clickhouse.client, rowsOf(deviceId, messageId));
  /** The messages among these whose rows are all stored already. */
  const storedMessages = async (rows: ReadingRow[]) => {
    const { fresh } = withoutStoredRows(rows, await findStoredReadings(clickhouse.client, rows));
    const unstored = new Set(fresh.map((row) => `${row.device_id}|${row.message_id}`));
    return new Set(
      rows.map((row) => `${row.device_id}|${row.message_id}`).filter((key) => !unstored.has(key)),
    );
  };

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
    const stored = await storedMessages([
      ...rowsOf(a, "m-1"),
      ...rowsOf(a, "m-2"),
      ...rowsOf(b, "m-1"),
      ...rowsOf(b, "m-3"),
    ]);
    // m-2 was stored, but by b: a's m-2 is new.
    expect([...stored]).toEqual([`${a}|m-1`]);
  });

  it("takes ids with quotes and backslashes as values, never as SQL", async () => {
    const hostile = ["x') OR 1=1 --", "back\\slash", "m-1' UNION SELECT 1 --"];
    const stored = await storedMessages(hostile.flatMap((messageId) => rowsOf(a, messageId)));
    expect(stored.size).toBe(0);
  });

  it("looks up more keys than one request carries", async () => {
    const rows = Array.from({ length: 12_000 }, (_, i) => rowsOf(b, `bulk-${i}`)).flat();
    rows.push(...rowsOf(b, "m-2"));
    expect([...(await storedMessages(rows))]).toEqual([`${b}|m-2`]);
  });

  it("keeps the rows of a half-stored message that are missing, and a repeated reading as often as it was sent", async () => {
    // One reading in October, one in November: one INSERT writes two parts, and a writer
    // killed between them leaves the message half stored, as storing only October does here.
    const readings = [
      { metric: "temperature_c" as const, value: 21, at: "2026-10-31T23:59:00.000Z" },
      { metric: "temperature_c" as const, value: 22 },
      { metric: "temperature_c" as const, value: 22 },
    ];
    const rows = rowsOf(a, "split-1", readings);
    await insertReadings(clickhouse.client, rows.slice(0, 1));
    const { fresh, alreadyStored } = withoutStoredRows(
      rows,
      await findStoredReadings(clickhouse.client, rows),
    );
    expect(alreadyStored).toEqual(rows.slice(0, 1));
    expect(fresh).toEqual(rows.slice(1));
    // With one of the two identical November rows stored, the other one is still missing.
    await insertReadings(clickhouse.client, rows.slice(1, 2));
    const again = withoutStoredRows(rows, await findStoredReadings(clickhouse.client, rows));
    expect(again.fresh).toEqual(rows.slice(2));
  });
});
