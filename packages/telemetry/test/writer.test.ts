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

  it("counts a stored reading once when the lookup takes several requests whose id lists both cover it", async () => {
    // a's "cross" is stored with one reading; the batch sends that message with the reading twice
    // (one copy stored, one still missing). The first request's lists hold device a (from
    // a's filler messages) and message id "cross" (from b's message), so it finds a's stored row
    // too; the second request, which holds a's "cross" itself, finds it again.
    const reading = [{ metric: "temperature_c" as const, value: 5 }];
    await insertReadings(clickhouse.client, rowsOf(a, "cross", reading));
    const firstRequest = [
      ...rowsOf(b, "cross", reading),
      ...Array.from({ length: 4_999 }, (_, i) => rowsOf(a, `filler-${i}`, reading)).flat(),
    ];
    const sentTwice = rowsOf(a, "cross", [...reading, ...reading]);
    const { fresh } = withoutStoredRows(
      [...firstRequest, ...sentTwice],
      await findStoredReadings(clickhouse.client, [...firstRequest, ...sentTwice]),
    );
    expect(fresh.filter((row) => row.device_id === a && row.message_id === "cross")).toHaveLength(1);
  });

  it("stores text with tabs, line breaks, backslashes and quotes, and numbers in exponent form, exactly as sent", async () => {
    const texts = ["tab\there", "line\nbreak\r\n", "back\\slash\\t", `quotes ' " and ünïcødé ✓`, "", "\\N"];
    const numbers = [1e-7, 1.5e21, -273.15, 2 ** 53 + 2];
    const rows = rowsOf(a, "tsv\\1\tx", [
      ...texts.map((value, i) => ({ metric: `text_${i}`, value }) as never),
      ...numbers.map((value, i) => ({ metric: `number_${i}`, value }) as never),
    ]);
    await insertReadings(clickhouse.client, rows);
    const stored = await clickhouse.client
      .query({
        query: `SELECT metric, value, value_text, message_id FROM telemetry_readings
                WHERE device_id = {a:UUID} AND message_id = {m:String} ORDER BY metric`,
        query_params: { a, m: "tsv\\1\tx" },
        format: "JSONEachRow",
      })
      .then((r) => r.json<{ metric: string; value: number; value_text: string; message_id: string }>());
    const sent = rows
      .map(({ metric, value, value_text, message_id }) => ({ metric, value, value_text, message_id }))
      .sort((x, y) => (x.metric < y.metric ? -1 : 1));
    expect(stored).toEqual(sent);
  });
});
