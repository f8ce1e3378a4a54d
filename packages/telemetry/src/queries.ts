import type { ClickHouseClient } from "@clickhouse/client";
import type {
  DeviceType,
  FleetSummaryInput,
  FleetTelemetrySummary,
  LatestReading,
  SeriesResolution,
  TelemetrySeries,
  TelemetrySeriesInput,
} from "@revolv/validators";
import { type MetricName, metricCatalog, metricNames } from "@revolv/validators";
import { attentionThresholds } from "./fleet-attention";
import { tables } from "./tables";
import { clickhouseTime } from "./writer";

const hourMs = 3_600_000;
const dayMs = 24 * hourMs;

/**
 * Which table answers a range: raw readings up to 6 h (a few thousand rows per series),
 * minute rollups up to 7 days (≤ 10,080 rows), hour rollups beyond. Each keeps the rows
 * read per query bounded whatever the table sizes are.
 */
export function resolutionFor(spanMs: number): SeriesResolution {
  if (spanMs <= 6 * hourMs) return "raw";
  if (spanMs <= 7 * dayMs) return "minute";
  return "hour";
}

const baseStepSeconds: Record<SeriesResolution, number> = { raw: 1, minute: 60, hour: 3_600 };
const niceSteps = [
  1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1_800, 3_600, 7_200, 10_800, 21_600, 43_200, 86_400, 172_800,
  604_800,
];

/**
 * The smallest readable bucket width that keeps the series within `maxPoints` buckets. `from`
 * is aligned down to the width, which can add one bucket at the start, hence `maxPoints - 1`.
 * Beyond the readable widths (a long range with few points), a whole multiple of the base.
 */
export function stepSecondsFor(spanMs: number, maxPoints: number, resolution: SeriesResolution): number {
  const base = baseStepSeconds[resolution];
  const wanted = Math.max(base, spanMs / 1000 / Math.max(1, maxPoints - 1));
  return niceSteps.find((s) => s >= wanted && s % base === 0) ?? Math.ceil(wanted / base) * base;
}

/** Metrics with text values (firmware_version): the rollups leave them out, as they have no min or average. */
export const textMetrics: string[] = Object.entries(metricCatalog)
  .filter(([, definition]) => definition.kind === "text")
  .map(([metric]) => metric);

/** One bucket of a series as ClickHouse answers it (UInt64 counts arrive as strings). */
interface SeriesRow {
  bucketStart: number | string;
  readingCount: number | string;
  minValue: number;
  maxValue: number;
  avgValue: number;
  lastValue: number;
}

/**
 * The hour before which hourly buckets come from `telemetry_hour_archive`: the oldest hour the
 * raw table holds (at the retention edge that hour may be partly expired already). Answered
 * from part metadata (min and count of the partition key's column), not a scan. Kept a minute
 * for series that start a day or more after it (most: they then read the projection alone);
 * a series near it reads it afresh, since retention moves it. With no raw rows at all, every
 * hour is the archive's.
 */
const horizonTtlMs = 60_000;
const horizons = new WeakMap<ClickHouseClient, { hourMs: number; readAt: number }>();

async function rawHorizonMs(client: ClickHouseClient, fromMs: number): Promise<number> {
  const cached = horizons.get(client);
  if (cached && Date.now() - cached.readAt < horizonTtlMs && fromMs >= cached.hourMs + dayMs)
    return cached.hourMs;
  const [{ horizon } = { horizon: "0" }] = await client
    .query({
      query: `SELECT if(count() = 0, 4294967295, toUnixTimestamp(toStartOfHour(min(at)))) AS horizon
              FROM ${tables.readings}`,
      format: "JSONEachRow",
    })
    .then((r) => r.json<{ horizon: string | number }>());
  const hourMs = Number(horizon) * 1000;
  horizons.set(client, { hourMs, readAt: Date.now() });
  return hourMs;
}

/**
 * The SQL of one series. Raw resolution aggregates the readings; minute and hour group by the
 * minute or hour of each reading, which the `minute_rollup` and `hour_rollup` projections
 * inside the raw parts answer (so a rollup always agrees with the rows it summarises); hours
 * older than the raw rows come from the archive. On a rollup the range is matched on the
 * minute or hour a reading falls in.
 */
/**
 * The names a series query gives its columns; none is a column of the tables it reads, so an
 * alias never shadows the column an aggregate means.
 */
const bucket = {
  start: "bucketStart",
  count: "readingCount",
  min: "minValue",
  max: "maxValue",
  avg: "avgValue",
  last: "lastValue",
} as const satisfies Record<string, keyof SeriesRow>;

function seriesQuery(resolution: SeriesResolution, stepSeconds: number, withArchive: boolean): string {
  const step = `INTERVAL ${stepSeconds} SECOND`;
  const series = "device_id = {deviceId:UUID} AND metric = {metric:String}";
  if (resolution === "raw") {
    return `SELECT toUnixTimestamp(toStartOfInterval(at, ${step})) AS ${bucket.start}, count() AS ${bucket.count},
                   min(value) AS ${bucket.min}, max(value) AS ${bucket.max}, avg(value) AS ${bucket.avg},
                   argMax(value, at) AS ${bucket.last}
            FROM ${tables.readings}
            WHERE ${series} AND at >= {from:DateTime64(3, 'UTC')} AND at < {to:DateTime64(3, 'UTC')}
            GROUP BY ${bucket.start} ORDER BY ${bucket.start}`;
  }
  if (resolution === "minute") {
    return `SELECT toUnixTimestamp(toStartOfInterval(toStartOfMinute(at), ${step})) AS ${bucket.start},
                   count() AS ${bucket.count}, min(value) AS ${bucket.min}, max(value) AS ${bucket.max},
                   sum(value) / count() AS ${bucket.avg}, argMax(value, at) AS ${bucket.last}
            FROM ${tables.readings}
            WHERE ${series} AND toStartOfMinute(at) >= {from:DateTime64(3, 'UTC')}
              AND toStartOfMinute(at) < {to:DateTime64(3, 'UTC')}
            GROUP BY ${bucket.start} ORDER BY ${bucket.start}`;
  }
  const hours = `SELECT toStartOfInterval(toStartOfHour(at), ${step}) AS t, count() AS c, sum(value) AS s,
                        min(value) AS lo, max(value) AS hi, argMax(value, at) AS last, 1 AS newer
                 FROM ${tables.readings}
                 WHERE ${series} AND toStartOfHour(at) >= {from:DateTime64(3, 'UTC')}
                   AND toStartOfHour(at) < {to:DateTime64(3, 'UTC')} AND toStartOfHour(at) >= {horizon:DateTime('UTC')}
                 GROUP BY t`;
  if (!withArchive) {
    return `SELECT toUnixTimestamp(t) AS ${bucket.start}, c AS ${bucket.count}, lo AS ${bucket.min},
                   hi AS ${bucket.max}, s / c AS ${bucket.avg}, last AS ${bucket.last}
            FROM (${hours}) ORDER BY t`;
  }
  // The raw side keeps to the aggregates the projection stores (argMax, not argMaxState); a
  // bucket spanning the horizon takes its last value from the raw side, which is newer.
  return `SELECT toUnixTimestamp(t) AS ${bucket.start}, sum(c) AS ${bucket.count}, min(lo) AS ${bucket.min},
                 max(hi) AS ${bucket.max}, sum(s) / sum(c) AS ${bucket.avg}, argMax(last, newer) AS ${bucket.last}
          FROM (
            ${hours}
            UNION ALL
            SELECT toStartOfInterval(bucket, ${step}) AS t, sum(count) AS c, sum(sum) AS s,
                   min(min) AS lo, max(max) AS hi, argMaxMerge(last) AS last, 0 AS newer
            FROM ${tables.hourArchive} FINAL
            WHERE ${series} AND bucket >= {from:DateTime64(3, 'UTC')} AND bucket < {to:DateTime64(3, 'UTC')}
              AND bucket < {horizon:DateTime('UTC')}
            GROUP BY t
          )
          GROUP BY t ORDER BY t`;
}

export async function querySeries(
  client: ClickHouseClient,
  input: Pick<TelemetrySeriesInput, "deviceId" | "metric" | "from" | "to" | "maxPoints">,
): Promise<TelemetrySeries> {
  const spanMs = input.to.getTime() - input.from.getTime();
  const resolution = resolutionFor(spanMs);
  const stepSeconds = stepSecondsFor(spanMs, input.maxPoints, resolution);
  // Aligned down to the bucket width so the first bucket is whole, not a sliver.
  const fromMs = Math.floor(input.from.getTime() / (stepSeconds * 1000)) * stepSeconds * 1000;
  const horizonMs = resolution === "hour" ? await rawHorizonMs(client, fromMs) : 0;
  // Text metrics have no rollup (no min or average): only raw resolution shows them.
  const rows =
    resolution !== "raw" && textMetrics.includes(input.metric)
      ? []
      : await client
          .query({
            query: seriesQuery(resolution, stepSeconds, resolution === "hour" && fromMs < horizonMs),
            query_params: {
              deviceId: input.deviceId,
              metric: input.metric,
              from: clickhouseTime(fromMs),
              to: clickhouseTime(input.to.getTime()),
              horizon: Math.floor(horizonMs / 1000),
            },
            format: "JSONEachRow",
          })
          .then((r) => r.json<SeriesRow>());
  return {
    resolution,
    stepSeconds,
    from: new Date(fromMs),
    to: input.to,
    buckets: rows.map((row) => ({
      t: new Date(Number(row.bucketStart) * 1000),
      count: Number(row.readingCount),
      min: row.minValue,
      max: row.maxValue,
      avg: row.avgValue,
      last: row.lastValue,
    })),
  };
}

/** The newest value of every metric a device has reported. */
export async function queryLatest(client: ClickHouseClient, deviceId: string): Promise<LatestReading[]> {
  const rows = await client
    .query({
      // argMax rather than FINAL: correct over unmerged parts and cheaper.
      query: `SELECT metric, argMax(value, at) AS latestValue, argMax(value_text, at) AS latestText,
                     toUnixTimestamp64Milli(max(at)) AS atMs,
                     toUnixTimestamp64Milli(argMax(received_at, at)) AS receivedAtMs
              FROM ${tables.latest} WHERE device_id = {deviceId:UUID}
              GROUP BY metric ORDER BY metric`,
      query_params: { deviceId },
      format: "JSONEachRow",
    })
    .then((r) =>
      r.json<{
        metric: string;
        latestValue: number;
        latestText: string;
        atMs: string;
        receivedAtMs: string;
      }>(),
    );
  return rows.map((row) => ({
    metric: row.metric,
    value: row.latestText !== "" ? row.latestText : row.latestValue,
    at: new Date(Number(row.atMs)),
    receivedAt: new Date(Number(row.receivedAtMs)),
  }));
}

/**
 * A catalog metric's name, for SQL: a metric renamed or dropped in `metricCatalog` fails to
 * compile here instead of silently counting nothing.
 */
const metric = (name: MetricName) => name;

/** The bins an RVM reports the fill level of, one metric each. */
const binFillMetrics = metricNames.filter((name) => name.startsWith("bin_fill_"));
const latestBinFills = binFillMetrics.map((name) => `ifNull(${name}, 0)`);
const reportedBinFills = binFillMetrics.map((name) => `isNotNull(${name})`);

/** The metrics the summary reads the newest value of, per device, each as a column of its name. */
const summaryMetrics: MetricName[] = [
  metric("fault_code"),
  metric("jam"),
  metric("door_open"),
  ...binFillMetrics,
  metric("battery_pct"),
];
const latestPerDevice = summaryMetrics
  .map((name) => `argMaxIfOrNull(value, at, metric = '${name}') AS ${name}`)
  .join(", ");

/** One device type's row of the fleet summary, its columns named as the API names them. */
type FleetTypeRow = { deviceType: DeviceType } & Record<
  Exclude<keyof FleetTelemetrySummary["byType"][number], "type">,
  string | number | null
>;

/** The telemetry half of the fleet dashboard; device counts by status come from Postgres. */
export async function queryFleetSummary(
  client: ClickHouseClient,
  input: FleetSummaryInput = {},
  now: Date = new Date(),
): Promise<FleetTelemetrySummary> {
  const typeFilter = input.type ? "WHERE device_type = {type:String}" : "";
  const params = { now: clickhouseTime(now.getTime()), type: input.type ?? "", textMetrics };
  const [byType, perHour] = await Promise.all([
    client
      .query({
        // A device that reports only some bins counts with the bins it reports: NULLs are
        // spelled out rather than left to greatest()/+, whose NULL handling differs by version.
        query: `WITH {now:DateTime64(3, 'UTC')} AS n
                SELECT type AS deviceType, count() AS reporting,
                  countIf(last_at >= n - INTERVAL 5 MINUTE) AS reportingLast5m,
                  countIf(last_at >= n - INTERVAL 1 HOUR) AS reportingLast1h,
                  countIf(${metric("fault_code")} != 0) AS faulted, countIf(${metric("jam")} = 1) AS jammed,
                  countIf(${metric("door_open")} = 1) AS doorsOpen,
                  countIf(greatest(${latestBinFills.join(", ")}) >= ${attentionThresholds.binFillPct}) AS binsNearlyFull,
                  countIf(${metric("battery_pct")} < ${attentionThresholds.batteryPct}) AS lowBattery,
                  avgOrNull((${latestBinFills.join(" + ")})
                    / nullIf(${reportedBinFills.join(" + ")}, 0)) AS avgBinFillPct,
                  avgOrNull(${metric("battery_pct")}) AS avgBatteryPct
                FROM (
                  SELECT device_id, any(device_type) AS type, max(at) AS last_at, ${latestPerDevice}
                  FROM ${tables.latest} ${typeFilter}
                  GROUP BY device_id
                )
                GROUP BY type ORDER BY type`,
        query_params: params,
        format: "JSONEachRow",
      })
      .then((r) => r.json<FleetTypeRow>()),
    client
      .query({
        // The hour_rollup projection answers it; numeric readings only, as the rollups count.
        query: `SELECT toUnixTimestamp(toStartOfHour(at)) AS hour, count() AS readings
                FROM ${tables.readings}
                WHERE toStartOfHour(at) > toStartOfHour({now:DateTime64(3, 'UTC')}) - INTERVAL 24 HOUR
                  AND toStartOfHour(at) <= {now:DateTime64(3, 'UTC')}
                  AND metric NOT IN {textMetrics:Array(String)}
                  ${input.type ? "AND device_type = {type:String}" : ""}
                GROUP BY hour ORDER BY hour`,
        query_params: params,
        format: "JSONEachRow",
      })
      .then((r) => r.json<{ hour: number | string; readings: number | string }>()),
  ]);
  const num = (v: string | number | null | undefined) => Number(v ?? 0);
  const orNull = (v: string | number | null | undefined) =>
    v === null || v === undefined ? null : Number(v);
  const readingsPerHour = perHour.map((row) => ({
    t: new Date(Number(row.hour) * 1000),
    count: Number(row.readings),
  }));
  return {
    at: now,
    byType: byType.map((row) => ({
      type: row.deviceType,
      reporting: num(row.reporting),
      reportingLast5m: num(row.reportingLast5m),
      reportingLast1h: num(row.reportingLast1h),
      faulted: num(row.faulted),
      jammed: num(row.jammed),
      doorsOpen: num(row.doorsOpen),
      binsNearlyFull: num(row.binsNearlyFull),
      lowBattery: num(row.lowBattery),
      avgBinFillPct: orNull(row.avgBinFillPct),
      avgBatteryPct: orNull(row.avgBatteryPct),
    })),
    readingsLast24h: readingsPerHour.reduce((sum, h) => sum + h.count, 0),
    readingsPerHour,
  };
}
