import { randomUUID } from "node:crypto";
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ClickHouseHandle, createClickHouse } from "../src/client";
import { migrateClickHouse } from "../src/migrations";
import { querySeries } from "../src/queries";
import type { ReadingRow } from "../src/tables";
import { findStoredReadings, insertReadings, readingRowsFrom } from "../src/writer";

const migrations = path.resolve(import.meta.dirname, "../migrations");
const first = "0001_telemetry_readings.sql";
const second = "0002_rollups_inside_raw_parts.sql";
const device = randomUUID();
const hourMs = 3_600_000;
const start = Date.parse("2026-11-20T10:00:00.000Z");

const rowsOf = (messageId: string, at: number, value: number): ReadingRow[] =>
  readingRowsFrom(
    {
      deviceId: device,
      messageId,
      deviceTime: new Date(at).toISOString(),
      receivedAt: at + 100,
      readings: [{ metric: "temperature_c", value }],
    },
    "rvm",
  );

/**
 * An install with data written under 0001 (views feeding the message ids and the rollups),
 * including a message stored twice by a writer killed mid-insert and an hour the raw table no
 * longer holds, then migrated to 0002.
 */
describe("migration 0002 on an install with data", () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "revolv-migration-0002-"));
  const migrationsDir = mkdtempSync(path.join(tmpdir(), "revolv-migration-0002-files-"));
  let handle: ClickHouseHandle;
  const one = async (query: string) =>
    Number(
      (
        await handle.client.query({ query, format: "JSONCompactEachRow" }).then((r) => r.json<[string]>())
      )[0]?.[0],
    );

  beforeAll(async () => {
    handle = createClickHouse({ kind: "chdb", dataDir });
    copyFileSync(path.join(migrations, first), path.join(migrationsDir, first));
    await migrateClickHouse(handle.client, migrationsDir);
    // An old hour, then gone from the raw table (as retention drops it): only its rollup is left.
    await insertReadings(handle.client, rowsOf("old", start - 30 * 24 * hourMs, 7));
    await handle.client.command({
      query: "ALTER TABLE telemetry_readings DELETE WHERE message_id = 'old' SETTINGS mutations_sync = 2",
    });
    for (let i = 0; i < 6; i++) await insertReadings(handle.client, rowsOf(`m-${i}`, start + i * 600_000, i));
    // m-2 stored a second time, its rollups counted twice.
    await insertReadings(handle.client, rowsOf("m-2", start + 2 * 600_000, 2));

    copyFileSync(path.join(migrations, second), path.join(migrationsDir, second));
    expect((await migrateClickHouse(handle.client, migrationsDir)).applied).toEqual([second]);
  });
  afterAll(async () => {
    await handle.close();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(migrationsDir, { recursive: true, force: true });
  });

  it("keeps one copy of a reading stored twice", async () => {
    expect(await one("SELECT count() FROM telemetry_readings")).toBe(6);
    const stored = await findStoredReadings(handle.client, rowsOf("m-2", start + 2 * 600_000, 2));
    expect([...stored.values()]).toEqual([1]);
  });

  it("moves the hours into the archive: the one the raw table lost from its old rollup, the rest recomputed", async () => {
    const hours = await handle.client
      .query({
        query: `SELECT toUnixTimestamp(bucket) * 1000 AS t, count FROM telemetry_hour_archive FINAL
                WHERE device_id = {device:UUID} ORDER BY t`,
        query_params: { device },
        format: "JSONEachRow",
      })
      .then((r) => r.json<{ t: string; count: string }>());
    expect(hours.map((h) => [Number(h.t), Number(h.count)])).toEqual([
      [start - 30 * 24 * hourMs, 1],
      [start, 6],
    ]);
    const series = await querySeries(handle.client, {
      deviceId: device,
      metric: "temperature_c",
      from: new Date(start - 40 * 24 * hourMs),
      to: new Date(start + hourMs),
      maxPoints: 2_000,
    });
    expect(series.buckets.map((b) => [b.t.getTime(), b.count])).toEqual([
      [start - 30 * 24 * hourMs, 1],
      [start, 6],
    ]);
  });

  it("builds the projections for the existing parts and drops what the views fed", async () => {
    const minutes = await one(
      `SELECT sum(c) FROM (SELECT device_id, metric, toStartOfMinute(at), count() AS c FROM telemetry_readings
       GROUP BY device_id, metric, toStartOfMinute(at)) SETTINGS force_optimize_projection_name = 'minute_rollup'`,
    );
    expect(minutes).toBe(6);
    expect(
      await one(
        `SELECT count() FROM system.tables WHERE database = currentDatabase()
         AND name IN ('telemetry_message_ids', 'telemetry_message_ids_mv', 'telemetry_readings_1m',
                      'telemetry_readings_1m_mv', 'telemetry_readings_1h', 'telemetry_readings_1h_mv')`,
      ),
    ).toBe(0);
  });
});
