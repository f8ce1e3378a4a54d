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
import { metricCatalog } from "@revolv/validators";
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

type SeriesRow = [number, string | number, number, number, number, number];

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
  const [[hour] = ["0"]] = await client
    .query({
      query: `SELECT if(count() = 0, 4294967295, toUnixTimestamp(toStartOfHour(min(at)))) FROM telemetry_readings`,
      format: "JSONCompactEachRow",
    })
    .then((r) => r.json<[string]>());
  const hourMs = Number(hour) * 1000;
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
function seriesQuery(resolution: SeriesResolution, stepSeconds: number, withArchive: boolean): string {
  const step = `INTERVAL ${stepSeconds} SECOND`;
  const series = "device_id = {deviceId:UUID} AND metric = {metric:String}";
  if (resolution === "raw") {
    return `SELECT toUnixTimestamp(toStartOfInterval(at, ${step})) AS t,
                   count(), min(value), max(value), avg(value), argMax(value, at)
            FROM telemetry_readings
            WHERE ${series} AND at >= {from:DateTime64(3, 'UTC')} AND at < {to:DateTime64(3, 'UTC')}
            GROUP BY t ORDER BY t`;
  }
  if (resolution === "minute") {
    return `SELECT toUnixTimestamp(toStartOfInterval(toStartOfMinute(at), ${step})) AS t,
                   count(), min(value), max(value), sum(value) / count(), argMax(value, at)
            FROM telemetry_readings
            WHERE ${series} AND toStartOfMinute(at) >= {from:DateTime64(3, 'UTC')}
              AND toStartOfMinute(at) < {to:DateTime64(3, 'UTC')}
            GROUP BY t ORDER BY t`;
  }
  const hours = `SELECT toStartOfInterval(toStartOfHour(at), ${step}) AS t, count() AS c, sum(value) AS s,
                        min(value) AS lo, max(value) AS hi, argMax(value, at) AS last, 1 AS newer
                 FROM telemetry_readings
                 WHERE ${series} AND toStartOfHour(at) >= {from:DateTime64(3, 'UTC')}
                   AND toStartOfHour(at) < {to:DateTime64(3, 'UTC')} AND toStartOfHour(at) >= {horizon:DateTime('UTC')}
                 GROUP BY t`;
  if (!withArchive) return `SELECT toUnixTimestamp(t), c, lo, hi, s / c, last FROM (${hours}) ORDER BY t`;
  // The raw side keeps to the aggregates the projection stores (argMax, not argMaxState); a
  // bucket spanning the horizon takes its last value from the raw side, which is newer.
  return `SELECT toUnixTimestamp(t), sum(c), min(lo), max(hi), sum(s) / sum(c), argMax(last, newer)
          FROM (
            ${hours}
            UNION ALL
            SELECT toStartOfInterval(bucket, ${step}) AS t, sum(count) AS c, sum(sum) AS s,
                   min(min) AS lo, max(max) AS hi, argMaxMerge(last) AS last, 0 AS newer
            FROM telemetry_hour_archive FINAL
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
            format: "JSONCompactEachRow",
          })
          .then((r) => r.json<SeriesRow>());
  return {
    resolution,
    stepSeconds,
    from: new Date(fromMs),
    to: input.to,
    buckets: rows.map(([t, count, min, max, avg, last]) => ({
      t: new Date(Number(t) * 1000),
      count: Number(count),
      min,
      max,
      avg,
      last,
    })),
  };
}

/** The newest value of every metric a device has reported. */
export async function queryLatest(client: ClickHouseClient, deviceId: string): Promise<LatestReading[]> {
  const rows = await client
    .query({
      // argMax rather than FINAL: correct over unmerged parts and cheaper.
      query: `SELECT metric, argMax(value, at), argMax(value_text, at), toUnixTimestamp64Milli(max(at)),
                     toUnixTimestamp64Milli(argMax(received_at, at))
              FROM telemetry_latest WHERE device_id = {deviceId:UUID}
              GROUP BY metric ORDER BY metric`,
      query_params: { deviceId },
      format: "JSONCompactEachRow",
    })
    .then((r) => r.json<[string, number, string, string, string]>());
  return rows.map(([metric, value, text, at, receivedAt]) => ({
    metric,
    value: text !== "" ? text : value,
    at: new Date(Number(at)),
    receivedAt: new Date(Number(receivedAt)),
  }));
}

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
                SELECT type, count(), countIf(last_at >= n - INTERVAL 5 MINUTE),
                  countIf(last_at >= n - INTERVAL 1 HOUR), countIf(fault != 0), countIf(jam = 1),
                  countIf(door = 1),
                  countIf(greatest(ifNull(pet, 0), ifNull(alu, 0), ifNull(glass, 0)) >= 90),
                  countIf(battery < 20),
                  avgOrNull((ifNull(pet, 0) + ifNull(alu, 0) + ifNull(glass, 0))
                    / nullIf(isNotNull(pet) + isNotNull(alu) + isNotNull(glass), 0)),
                  avgOrNull(battery)
                FROM (
                  SELECT device_id, any(device_type) AS type, max(at) AS last_at,
                    argMaxIfOrNull(value, at, metric = 'fault_code') AS fault,
                    argMaxIfOrNull(value, at, metric = 'jam') AS jam,
                    argMaxIfOrNull(value, at, metric = 'door_open') AS door,
                    argMaxIfOrNull(value, at, metric = 'bin_fill_pet_pct') AS pet,
                    argMaxIfOrNull(value, at, metric = 'bin_fill_aluminium_pct') AS alu,
                    argMaxIfOrNull(value, at, metric = 'bin_fill_glass_pct') AS glass,
                    argMaxIfOrNull(value, at, metric = 'battery_pct') AS battery
                  FROM telemetry_latest ${typeFilter}
                  GROUP BY device_id
                )
                GROUP BY type ORDER BY type`,
        query_params: params,
        format: "JSONCompactEachRow",
      })
      .then((r) => r.json<[DeviceType, ...(string | number | null)[]]>()),
    client
      .query({
        // The hour_rollup projection answers it; numeric readings only, as the rollups count.
        query: `SELECT toUnixTimestamp(toStartOfHour(at)) AS t, count()
                FROM telemetry_readings
                WHERE toStartOfHour(at) > toStartOfHour({now:DateTime64(3, 'UTC')}) - INTERVAL 24 HOUR
                  AND toStartOfHour(at) <= {now:DateTime64(3, 'UTC')}
                  AND metric NOT IN {textMetrics:Array(String)}
                  ${input.type ? "AND device_type = {type:String}" : ""}
                GROUP BY t ORDER BY t`,
        query_params: params,
        format: "JSONCompactEachRow",
      })
      .then((r) => r.json<[number, string]>()),
  ]);
  const num = (v: string | number | null | undefined) => Number(v ?? 0);
  const orNull = (v: string | number | null | undefined) =>
    v === null || v === undefined ? null : Number(v);
  const readingsPerHour = perHour.map(([t, count]) => ({
    t: new Date(Number(t) * 1000),
    count: Number(count),
  }));
  return {
    at: now,
    byType: byType.map(([type, ...v]) => ({
      type,
      reporting: num(v[0]),
      reportingLast5m: num(v[1]),
      reportingLast1h: num(v[2]),
      faulted: num(v[3]),
      jammed: num(v[4]),
      doorsOpen: num(v[5]),
      binsNearlyFull: num(v[6]),
      lowBattery: num(v[7]),
      avgBinFillPct: orNull(v[8]),
      avgBatteryPct: orNull(v[9]),
    })),
    readingsLast24h: readingsPerHour.reduce((sum, h) => sum + h.count, 0),
    readingsPerHour,
  };
}
