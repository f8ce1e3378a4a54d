import { setTimeout as sleep } from "node:timers/promises";
import type { ClickHouseClient } from "@clickhouse/client";
import type { LiveBatch, LiveReading } from "@revolv/validators";
import { type ReadingRow, tables } from "./tables";

export interface WatchOptions {
  /**
   * Resume after this cursor (a batch's `cursor`, the server insert time in ms); without it,
   * start from now.
   */
  cursor?: string | null;
  intervalMs?: number;
  signal?: AbortSignal;
}

// Rows carry the server time of their INSERT. A slow insert can become visible after a
// faster, later one, so each poll looks this far behind the cursor and drops what it sent.
// Rows inserted at or before the starting point are never sent: on a resume the previous
// connection sent them; a late insert stamped before that point shows in series, not live.
const overlapMs = 5_000;

/** A polled row: the table's columns, with its times as epoch milliseconds (Int64, sent as text). */
type StoredReading = Pick<ReadingRow, "metric" | "value" | "value_text" | "message_id"> & {
  atMs: string;
  insertedAtMs: string;
};

/**
 * Yields readings of one device as they are inserted, by polling ClickHouse about once a
 * second. Polling the shared store (not an in-process event bus) is what lets any number of
 * web instances serve subscribers, whichever worker inserted the rows.
 */
export async function* watchDeviceReadings(
  client: ClickHouseClient,
  deviceId: string,
  options: WatchOptions = {},
): AsyncGenerator<LiveBatch> {
  const intervalMs = options.intervalMs ?? 1_000;
  let cursor = options.cursor ? Number(options.cursor) : await serverNowMs(client);
  const startedAt = cursor;
  const sent = new Map<string, number>();
  while (!options.signal?.aborted) {
    const rows = await client
      .query({
        // The `at` window lets the primary key skip a device's history; a reading taken
        // more than a day before it arrives shows up in series, not in the live feed.
        query: `SELECT metric, value, value_text, toUnixTimestamp64Milli(at) AS atMs, message_id,
                       toUnixTimestamp64Milli(inserted_at) AS insertedAtMs
                FROM ${tables.readings}
                WHERE device_id = {deviceId:UUID}
                  AND inserted_at > fromUnixTimestamp64Milli({since:Int64}, 'UTC')
                  AND at >= now64(3) - INTERVAL 1 DAY
                ORDER BY insertedAtMs, at LIMIT 10000`,
        query_params: { deviceId, since: cursor - overlapMs },
        format: "JSONEachRow",
      })
      .then((r) => r.json<StoredReading>());
    const readings: LiveReading[] = [];
    for (const row of rows) {
      const insertedAt = Number(row.insertedAtMs);
      const key = `${row.message_id}|${row.metric}|${row.atMs}`;
      if (insertedAt <= startedAt || sent.has(key)) continue;
      sent.set(key, insertedAt);
      cursor = Math.max(cursor, insertedAt);
      readings.push({
        metric: row.metric,
        value: row.value_text !== "" ? row.value_text : row.value,
        at: new Date(Number(row.atMs)),
        messageId: row.message_id,
      });
    }
    for (const [key, insertedAt] of sent) if (insertedAt < cursor - overlapMs) sent.delete(key);
    if (readings.length > 0) yield { cursor: String(cursor), readings };
    await sleep(intervalMs, undefined, { signal: options.signal }).catch(() => undefined);
  }
}

async function serverNowMs(client: ClickHouseClient): Promise<number> {
  const rows = await client
    .query({ query: "SELECT toUnixTimestamp64Milli(now64(3)) AS nowMs", format: "JSONEachRow" })
    .then((r) => r.json<{ nowMs: string }>());
  return Number(rows[0]?.nowMs ?? Date.now());
}
