import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { SeriesResolution, TelemetrySeries } from "@revolv/validators";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ClickHouseHandle, createClickHouse } from "../src/client";
import { migrateClickHouse } from "../src/migrations";
import { queryLatest, querySeries, resolutionFor, stepSecondsFor } from "../src/queries";
import type { ReadingRow } from "../src/tables";
import { insertReadings, readingRowsFrom } from "../src/writer";

const minuteMs = 60_000;
const hourMs = 60 * minuteMs;
const dayMs = 24 * hourMs;

const rvm = randomUUID();
const neighbour = randomUUID();
const soundbox = randomUUID();
const start = Date.parse("2026-03-02T00:00:00.000Z");

/** A temperature every 37 s for 10 days: rows fall unevenly into buckets of every width. */
interface Point {
  at: number;
  value: number;
}
const temperatures: Point[] = [];
for (let at = start, i = 0; at < start + 10 * dayMs; at += 37_000, i++) {
  temperatures.push({
    at,
    value: Math.round((20 + 8 * Math.sin(i / 50) + ((i * 7919) % 13) / 10) * 100) / 100,
  });
}

function rowsOf(deviceId: string, type: "rvm" | "soundbox", metric: string, points: Point[]): ReadingRow[] {
  return points.flatMap((point, i) =>
    readingRowsFrom(
      {
        deviceId,
        messageId: `${metric}-${i}`,
        deviceTime: new Date(point.at).toISOString(),
        receivedAt: point.at + 150,
        readings: [{ metric, value: point.value } as never],
      },
      type,
    ),
  );
}

/**
 * What a series must hold, computed from the points themselves: rollups filter on the start
 * of the reading's minute or hour, raw readings on their own time.
 */
function expectedBuckets(points: Point[], series: TelemetrySeries, to: Date) {
  const base = { raw: 1, minute: 60, hour: 3_600 }[series.resolution] * 1000;
  const step = series.stepSeconds * 1000;
  const buckets = new Map<number, Point[]>();
  for (const point of points) {
    const sourceTime = Math.floor(point.at / base) * base;
    if (sourceTime < series.from.getTime() || sourceTime >= to.getTime()) continue;
    const t = Math.floor(sourceTime / step) * step;
    // Appended in place: copying the bucket per point made a 40-day bucket quadratic (minutes on CI).
    const bucket = buckets.get(t);
    if (bucket) bucket.push(point);
    else buckets.set(t, [point]);
  }
  return [...buckets.entries()]
    .sort(([a], [b]) => a - b)
    .map(([t, inBucket]) => {
      const values = inBucket.map((p) => p.value);
      const latest = inBucket.reduce((a, b) => (b.at > a.at ? b : a));
      return {
        t: new Date(t),
        count: values.length,
        min: Math.min(...values),
        max: Math.max(...values),
        avg: values.reduce((sum, v) => sum + v, 0) / values.length,
        last: latest.value,
      };
    });
}

function expectSeriesToMatch(series: TelemetrySeries, points: Point[], to: Date) {
  const expected = expectedBuckets(points, series, to);
  expect(series.buckets.length).toBe(expected.length);
  for (const [i, bucket] of series.buckets.entries()) {
    const want = expected[i];
    expect({ t: bucket.t, count: bucket.count, min: bucket.min, max: bucket.max, last: bucket.last }).toEqual(
      {
        t: want?.t,
        count: want?.count,
        min: want?.min,
        max: want?.max,
        last: want?.last,
      },
    );
    expect(bucket.avg).toBeCloseTo(want?.avg ?? Number.NaN, 9);
  }
}

describe("telemetry queries on chDB", () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "revolv-queries-"));
  let handle: ClickHouseHandle;

  beforeAll(async () => {
    handle = createClickHouse({ kind: "chdb", dataDir });
    await migrateClickHouse(handle.client);
    const rows = rowsOf(rvm, "rvm", "temperature_c", temperatures);
    // Several INSERTs, so rollups hold partial states in several parts that queries must merge.
    for (let i = 0; i < rows.length; i += 4_000)
      await insertReadings(handle.client, rows.slice(i, i + 4_000));
    // Same metric on another device, another metric on this one: neither may leak into the series.
    await insertReadings(handle.client, [
      ...rowsOf(neighbour, "rvm", "temperature_c", [{ at: start + hourMs, value: 99 }]),
      ...rowsOf(rvm, "rvm", "bin_fill_pet_pct", [{ at: start + hourMs, value: 55 }]),
    ]);
  });
  afterAll(async () => {
    await handle.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("chooses raw readings up to 6 h, minute rollups up to 7 days, hour rollups beyond", () => {
    const cases: [number, SeriesResolution][] = [
      [1, "raw"],
      [6 * hourMs, "raw"],
      [6 * hourMs + 1, "minute"],
      [7 * dayMs, "minute"],
      [7 * dayMs + 1, "hour"],
      [400 * dayMs, "hour"],
    ];
    for (const [span, resolution] of cases) expect(resolutionFor(span)).toBe(resolution);
  });

  it.each([
    ["raw", 2 * hourMs, 500],
    ["minute", 3 * dayMs, 500],
    ["hour", 9 * dayMs, 100],
  ] as const)(
    "answers a range with %s buckets whose count, min, max, avg and last match the readings",
    async (resolution, span, maxPoints) => {
      // An unaligned start: the first bucket is aligned down and still whole.
      const from = new Date(start + 5 * hourMs + 17 * minuteMs + 3_000);
      const to = new Date(from.getTime() + span);
      const series = await querySeries(handle.client, {
        deviceId: rvm,
        metric: "temperature_c",
        from,
        to,
        maxPoints,
      });
      expect(series.resolution).toBe(resolution);
      expect(series.buckets.length).toBeGreaterThan(10);
      expect(series.buckets.length).toBeLessThanOrEqual(maxPoints);
      expect(series.from.getTime() % (series.stepSeconds * 1000)).toBe(0);
      expectSeriesToMatch(series, temperatures, to);
    },
  );

  it("never returns more buckets than maxPoints, whatever the span", async () => {
    for (const [span, maxPoints] of [
      [6 * hourMs, 10],
      // Exactly maxPoints widths long and unaligned: the aligned-down start adds a bucket.
      [10 * hourMs, 10],
      [36 * hourMs, 37],
      [7 * dayMs, 2_000],
      [400 * dayMs, 10],
    ]) {
      // Neither end on a bucket boundary.
      const to = new Date(start + 10 * dayMs - 30 * minuteMs - 7_000);
      const from = new Date(to.getTime() - (span ?? 0) + 12_345);
      const series = await querySeries(handle.client, {
        deviceId: rvm,
        metric: "temperature_c",
        from,
        to,
        maxPoints: maxPoints ?? 10,
      });
      expect(series.buckets.length).toBeLessThanOrEqual(maxPoints ?? 10);
      expect(series.stepSeconds).toBe(stepSecondsFor(span ?? 0, maxPoints ?? 10, series.resolution));
      expectSeriesToMatch(series, temperatures, to);
    }
  });

  it("picks a bucket width that covers any span in maxPoints - 1 buckets", () => {
    for (const span of [1_000, 59 * minuteMs, 6 * hourMs, 50 * hourMs, 7 * dayMs, 90 * dayMs, 400 * dayMs]) {
      for (const maxPoints of [10, 37, 500, 2_000]) {
        const resolution = resolutionFor(span);
        const step = stepSecondsFor(span, maxPoints, resolution);
        expect(step * 1000 * (maxPoints - 1)).toBeGreaterThanOrEqual(span);
        expect(step % { raw: 1, minute: 60, hour: 3_600 }[resolution]).toBe(0);
      }
    }
  });

  it("returns no buckets for a device without readings", async () => {
    const series = await querySeries(handle.client, {
      deviceId: randomUUID(),
      metric: "temperature_c",
      from: new Date(start),
      to: new Date(start + dayMs),
      maxPoints: 100,
    });
    expect(series.buckets).toEqual([]);
  });

  it("reports the newest value of each metric, including text metrics, whatever the insert order", async () => {
    const newer = Date.parse("2026-04-01T12:00:00.000Z");
    // The newer battery reading is stored first; the older one arriving late must not replace it.
    await insertReadings(
      handle.client,
      rowsOf(soundbox, "soundbox", "battery_pct", [{ at: newer, value: 71.5 }]),
    );
    await insertReadings(handle.client, [
      ...rowsOf(soundbox, "soundbox", "battery_pct", [{ at: newer - hourMs, value: 90 }]),
      ...readingRowsFrom(
        {
          deviceId: soundbox,
          messageId: "fw-1",
          deviceTime: new Date(newer - 2 * hourMs).toISOString(),
          receivedAt: newer - 2 * hourMs + 80,
          readings: [
            { metric: "firmware_version", value: "2.4.1" },
            { metric: "volume_pct", value: 60, at: new Date(newer - 3 * hourMs).toISOString() },
          ],
        },
        "soundbox",
      ),
    ]);
    expect(await queryLatest(handle.client, soundbox)).toEqual([
      { metric: "battery_pct", value: 71.5, at: new Date(newer), receivedAt: new Date(newer + 150) },
      {
        metric: "firmware_version",
        value: "2.4.1",
        at: new Date(newer - 2 * hourMs),
        receivedAt: new Date(newer - 2 * hourMs + 80),
      },
      {
        metric: "volume_pct",
        value: 60,
        at: new Date(newer - 3 * hourMs),
        receivedAt: new Date(newer - 2 * hourMs + 80),
      },
    ]);

    const last = temperatures.at(-1) as Point;
    const rvmLatest = await queryLatest(handle.client, rvm);
    expect(rvmLatest.find((r) => r.metric === "temperature_c")).toEqual({
      metric: "temperature_c",
      value: last.value,
      at: new Date(last.at),
      receivedAt: new Date(last.at + 150),
    });
    expect(await queryLatest(handle.client, randomUUID())).toEqual([]);
  });
});
