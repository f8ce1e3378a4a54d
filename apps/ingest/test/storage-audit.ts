import type { ClickHouseClient } from "@clickhouse/client";

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

/**
 * Each rollup as (device, metric, bucket, count, sum), to hold against the raw table grouped
 * the same way. Numeric metrics only, as the rollups take them.
 */
const rollups: Record<string, { bucket: string; query: string }> = {
  minute: {
    bucket: "toStartOfMinute(at)",
    query: "SELECT device_id, metric, bucket, sum(count) AS c, sum(sum) AS s FROM telemetry_readings_1m GROUP BY ALL",
  },
  hour: {
    bucket: "toStartOfHour(at)",
    query: "SELECT device_id, metric, bucket, sum(count) AS c, sum(sum) AS s FROM telemetry_readings_1h GROUP BY ALL",
  },
};

async function one(client: ClickHouseClient, query: string): Promise<number> {
  const rows = await client.query({ query, format: "JSONCompactEachRow" }).then((r) => r.json<[string | number]>());
  return Number(rows[0]?.[0] ?? 0);
}

/** Holds what ClickHouse stored against what was sent; read only once the worker has exited. */
export async function auditStorage(client: ClickHouseClient, sent: SentMessages): Promise<StorageAudit> {
  const perMessage = await client
    .query({
      query: "SELECT concat(toString(device_id), '|', message_id), count() FROM telemetry_readings GROUP BY 1",
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
  const rollupMismatches: Record<string, number> = {};
  for (const [name, rollup] of Object.entries(rollups)) {
    // A bucket missing on one side joins as zeros, so it counts as a mismatch too.
    rollupMismatches[name] = await one(
      client,
      `SELECT count() FROM (
         SELECT device_id, metric, ${rollup.bucket} AS bucket, count() AS c, sum(value) AS s
         FROM telemetry_readings WHERE value_text = '' GROUP BY ALL
       ) AS raw FULL OUTER JOIN (${rollup.query}) AS rollup USING (device_id, metric, bucket)
       WHERE raw.c != rollup.c OR abs(raw.s - rollup.s) > 1e-6 * greatest(1, abs(raw.s))`,
    );
  }
  // The latest state: the newest reading per (device, metric) as the raw table has it.
  rollupMismatches.latest = await one(
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
    rollupMismatches,
  };
}
