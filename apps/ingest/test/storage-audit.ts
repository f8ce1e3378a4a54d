import type { ClickHouseClient } from "@clickhouse/client";
import { refreshHourArchive, textMetrics } from "@revolv/telemetry";

/** What a chaos run expects: every message sent, with the number of readings it carried. */
export type SentMessages = Map<string, number>;

export interface StorageAudit {
  sent: number;
  /** Distinct (device, message) pairs with at least one raw row. */
  stored: number;
  /** Sent messages with fewer raw rows than readings (none at all included). */
  lost: number;
  /** Sent messages with more raw rows than readings. */
  duplicated: number;
  rawRows: number;
  expectedRows: number;
  /** Per rollup: buckets whose count or sum differs from the raw rows of that bucket. */
  rollupMismatches: Record<string, number>;
}

type Buckets = Map<string, { count: number; sum: number }>;

/** (device, metric, bucket) → count and sum, numeric metrics only, as the rollups take them. */
async function buckets(
  client: ClickHouseClient,
  query: string,
  settings: Record<string, string | number> = {},
): Promise<Buckets> {
  const rows = await client
    .query({
      query,
      query_params: { textMetrics },
      format: "JSONCompactEachRow",
      clickhouse_settings: settings as never,
    })
    .then((r) => r.json<[string, string, string, string]>());
  return new Map(
    rows.map(([key, bucket, count, sum]) => [`${key}|${bucket}`, { count: Number(count), sum: Number(sum) }]),
  );
}

/** Buckets present on one side only, or whose count or sum differ. */
function mismatches(raw: Buckets, rollup: Buckets): number {
  let different = 0;
  for (const key of new Set([...raw.keys(), ...rollup.keys()])) {
    const a = raw.get(key);
    const b = rollup.get(key);
    if (!a || !b || a.count !== b.count || Math.abs(a.sum - b.sum) > 1e-6 * Math.max(1, Math.abs(a.sum)))
      different += 1;
  }
  return different;
}

const grouped = (bucket: string) =>
  `SELECT concat(toString(device_id), '|', metric), toString(${bucket}) AS b, count(), sum(value)
   FROM telemetry_readings WHERE metric NOT IN {textMetrics:Array(String)}
   GROUP BY device_id, metric, ${bucket}`;

/**
 * Each rollup against the raw rows: the minute and hour projections read as the dashboard
 * reads them (forced), the raw rows with projections off, and the hour archive after one
 * refresh (which the worker runs every few minutes) with duplicates collapsed (FINAL).
 */
async function rollupMismatches(client: ClickHouseClient): Promise<Record<string, number>> {
  const rawOnly = { optimize_use_projections: 0 };
  const rawMinutes = await buckets(client, grouped("toStartOfMinute(at)"), rawOnly);
  const rawHours = await buckets(client, grouped("toStartOfHour(at)"), rawOnly);
  await refreshHourArchive(client);
  return {
    minute: mismatches(
      rawMinutes,
      await buckets(client, grouped("toStartOfMinute(at)"), {
        force_optimize_projection_name: "minute_rollup",
      }),
    ),
    hour: mismatches(
      rawHours,
      await buckets(client, grouped("toStartOfHour(at)"), { force_optimize_projection_name: "hour_rollup" }),
    ),
    hourArchive: mismatches(
      rawHours,
      await buckets(
        client,
        `SELECT concat(toString(device_id), '|', metric), toString(bucket), count, sum
         FROM telemetry_hour_archive FINAL WHERE metric NOT IN {textMetrics:Array(String)}`,
      ),
    ),
  };
}

async function one(client: ClickHouseClient, query: string): Promise<number> {
  const rows = await client
    .query({ query, format: "JSONCompactEachRow" })
    .then((r) => r.json<[string | number]>());
  return Number(rows[0]?.[0] ?? 0);
}

/** Holds what ClickHouse stored against what was sent; read only once the worker has exited. */
export async function auditStorage(client: ClickHouseClient, sent: SentMessages): Promise<StorageAudit> {
  const perMessage = await client
    .query({
      query:
        "SELECT concat(toString(device_id), '|', message_id), count() FROM telemetry_readings GROUP BY 1",
      format: "JSONCompactEachRow",
    })
    .then((r) => r.json<[string, string]>());
  const storedRows = new Map(perMessage.map(([key, n]) => [key, Number(n)]));
  let lost = 0;
  let duplicated = 0;
  let expectedRows = 0;
  for (const [key, readings] of sent) {
    expectedRows += readings;
    const rows = storedRows.get(key) ?? 0;
    if (rows < readings) lost += 1;
    if (rows > readings) duplicated += 1;
  }
  const rollups = await rollupMismatches(client);
  // The latest state: the newest reading per (device, metric) as the raw table has it.
  rollups.latest = await one(
    client,
    `SELECT count() FROM (
       SELECT device_id, metric, max(at) AS newest, argMax(value, at) AS value FROM telemetry_readings GROUP BY ALL
     ) AS raw FULL OUTER JOIN (
       SELECT device_id, metric, max(at) AS newest, argMax(value, at) AS value FROM telemetry_latest GROUP BY ALL
     ) AS latest USING (device_id, metric)
     WHERE raw.newest != latest.newest OR raw.value != latest.value`,
  );
  return {
    sent: sent.size,
    stored: storedRows.size,
    lost,
    duplicated,
    rawRows: await one(client, "SELECT count() FROM telemetry_readings"),
    expectedRows,
    rollupMismatches: rollups,
  };
}
