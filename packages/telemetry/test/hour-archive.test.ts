import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ClickHouseHandle, createClickHouse } from "../src/client";
import { refreshHourArchive } from "../src/hour-archive";
import { migrateClickHouse } from "../src/migrations";
import { querySeries } from "../src/queries";
import { insertReadings, readingRowsFrom } from "../src/writer";

const hourMs = 3_600_000;
const device = randomUUID();
/** Two months of hourly-ish readings: October's partition is dropped later, as retention would. */
const october = Date.parse("2026-10-30T00:00:00.000Z");
const november = Date.parse("2026-11-01T00:00:00.000Z");

const rowsAt = (times: number[], value: (i: number) => number, prefix: string) =>
  times.flatMap((at, i) =>
    readingRowsFrom(
      {
        deviceId: device,
        messageId: `${prefix}-${i}`,
        deviceTime: new Date(at).toISOString(),
        receivedAt: at + 100,
        readings: [{ metric: "temperature_c", value: value(i) }],
      },
      "rvm",
    ),
  );

describe("the hour archive on chDB", () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "revolv-archive-"));
  let handle: ClickHouseHandle;
  const archived = async () =>
    handle.client
      .query({
        query: `SELECT toUnixTimestamp(bucket) * 1000 AS t, count, sum, finalizeAggregation(last) AS last
                FROM telemetry_hour_archive FINAL WHERE device_id = {device:UUID} ORDER BY t`,
        query_params: { device },
        format: "JSONEachRow",
      })
      .then((r) => r.json<{ t: string; count: string; sum: number; last: number }>())
      .then((rows) =>
        rows.map((r) => ({ t: Number(r.t), count: Number(r.count), sum: r.sum, last: r.last })),
      );
  const hourSeries = () =>
    querySeries(handle.client, {
      deviceId: device,
      metric: "temperature_c",
      from: new Date(october),
      to: new Date(november + 10 * 24 * hourMs),
      maxPoints: 1_000,
    });

  beforeAll(async () => {
    handle = createClickHouse({ kind: "chdb", dataDir });
    await migrateClickHouse(handle.client);
    // Four readings an hour, for 2 days before and 2 days after the month boundary.
    const times = Array.from({ length: 4 * 96 }, (_, i) => october + i * 15 * 60_000);
    await insertReadings(
      handle.client,
      rowsAt(times, (i) => i % 10, "m"),
    );
  });
  afterAll(async () => {
    await handle.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("copies every hour that received rows, and a repeated refresh changes nothing", async () => {
    const first = await refreshHourArchive(handle.client);
    expect(first.hours).toBe(96);
    const once = await archived();
    expect(once).toHaveLength(96);
    expect(once.every((hour) => hour.count === 4)).toBe(true);
    // Nothing new: the overlap recomputes the same hours, which replace themselves.
    await refreshHourArchive(handle.client);
    expect(await archived()).toEqual(once);
  });

  it("recomputes an archived hour that receives a late reading", async () => {
    const lateHour = october + 5 * hourMs;
    await insertReadings(
      handle.client,
      rowsAt([lateHour + 1_000], () => 42, "late"),
    );
    await refreshHourArchive(handle.client);
    const hour = (await archived()).find((h) => h.t === lateHour);
    expect(hour?.count).toBe(5);
    // The late reading was taken early in the hour: the last value stays the 45-minute one.
    expect(hour?.last).toBe(3);
  });

  it("answers hours the raw table no longer holds from the archive, the others from the raw parts", async () => {
    const before = await hourSeries();
    expect(before.resolution).toBe("hour");
    // Retention drops October's whole partition; the series must not change.
    await handle.client.command({ query: "ALTER TABLE telemetry_readings DROP PARTITION 202610" });
    const after = await hourSeries();
    expect(after.buckets).toEqual(before.buckets);
    expect(after.buckets.reduce((sum, b) => sum + b.count, 0)).toBe(4 * 96 + 1);
  });
});
