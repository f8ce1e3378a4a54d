import type { ClickHouseClient } from "@clickhouse/client";
import { textMetrics } from "./queries";
import { hourArchiveColumns, tables } from "./tables";
import { clickhouseTime } from "./writer";

/**
 * How far before the previous refresh's end each refresh looks again. A row carries the time
 * its INSERT started (`inserted_at`) and becomes visible when the INSERT commits, possibly
 * after a later, faster one: the overlap catches those. Recomputing an hour twice is harmless.
 */
const overlapMs = 5 * 60_000;

export interface HourArchiveRefresh {
  /** (device, metric, hour) groups recomputed. */
  hours: number;
  /** Insert time covered up to, in ms: where the next refresh starts (less the overlap). */
  coveredUntil: number;
}

/**
 * Copies into `telemetry_hour_archive` every hour that received raw rows since the previous
 * refresh, recomputed whole from the raw rows (the `hour_rollup` projection serves it). The
 * archive keeps hours for years after the raw rows expire; queries read it only for hours
 * the raw table no longer holds. A refresh that dies half-way is simply repeated: each hour
 * is recomputed, not added to, and the newest copy replaces the older ones.
 */
export async function refreshHourArchive(client: ClickHouseClient): Promise<HourArchiveRefresh> {
  const [state] = await client
    .query({
      query: `SELECT toUnixTimestamp64Milli(now64(3)) AS nowMs,
                     toUnixTimestamp64Milli(ifNull((SELECT maxOrNull(covered_until) FROM ${tables.hourArchiveRefreshes}), toDateTime64(0, 3, 'UTC'))) AS coveredMs`,
      format: "JSONEachRow",
    })
    .then((r) => r.json<{ nowMs: string; coveredMs: string }>());
  const coveredUntil = Number(state?.nowMs ?? Date.now());
  const since = Math.max(0, Number(state?.coveredMs ?? 0) - overlapMs);
  const touched = `SELECT DISTINCT device_id, metric, toStartOfHour(at) FROM ${tables.readings}
                   WHERE inserted_at >= fromUnixTimestamp64Milli({since:Int64}, 'UTC')`;
  const [{ hours } = { hours: "0" }] = await client
    .query({
      query: `SELECT count() AS hours FROM (${touched})`,
      query_params: { since },
      format: "JSONEachRow",
    })
    .then((r) => r.json<{ hours: string }>());
  if (Number(hours) > 0) {
    await client.command({
      // The SELECT lists its values in the order of `hourArchiveColumns`.
      query: `INSERT INTO ${tables.hourArchive} (${hourArchiveColumns.join(", ")})
              SELECT device_id, any(device_type), metric, toStartOfHour(at) AS bucket,
                     count(), sum(value), min(value), max(value), argMaxState(value, at)
              FROM ${tables.readings}
              WHERE metric NOT IN {textMetrics:Array(String)}
                AND (device_id, metric, toStartOfHour(at)) IN (${touched})
              GROUP BY device_id, metric, bucket`,
      query_params: { since, textMetrics },
    });
  }
  await client.insert({
    table: tables.hourArchiveRefreshes,
    values: [{ covered_until: clickhouseTime(coveredUntil) }],
    format: "JSONEachRow",
  });
  return { hours: Number(hours), coveredUntil };
}
